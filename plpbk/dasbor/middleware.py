"""Fresh dashboard figures after a save when no job queue runs: once a write request (any method
but GET, HEAD, OPTIONS, TRACE) has returned, and so its transaction (ATOMIC_REQUESTS) has
committed, recount the marks of a few regions in short transactions of their own
(plpbk.dasbor.ringkasan.setelah_tulis); and before it runs, roll a new day over (which keeps
the day just ended, plpbk.dasbor.arsip) so the request's own write is not in that day's
figures. With a broker configured the Celery beat schedule does both (plpbk/dasbor/tasks.py),
so a user's request never recounts. Reading requests never recount."""

from celery import current_app

from . import ringkasan

AMAN = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class HitungSetelahTulisMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tulis = request.method not in AMAN and current_app.conf.task_always_eager
        if tulis:
            # the day just ended is kept before this request writes (plpbk.dasbor.arsip)
            ringkasan.sebelum_tulis()
        response = self.get_response(request)
        if tulis:
            ringkasan.setelah_tulis()
        return response
