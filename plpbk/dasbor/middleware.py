"""Fresh dashboard figures after a save when no job queue runs: once a write request (any method
but GET, HEAD, OPTIONS, TRACE) has returned, and so its transaction (ATOMIC_REQUESTS) has
committed, recount the marks of a few regions in short transactions of their own
(plpbk.dasbor.ringkasan.setelah_tulis). With a broker configured the Celery beat schedule does
this every few seconds (plpbk/dasbor/tasks.py), so a user's request never recounts. Reading
requests never recount."""

from celery import current_app

from . import ringkasan

AMAN = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class HitungSetelahTulisMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in AMAN and current_app.conf.task_always_eager:
            ringkasan.setelah_tulis()
        return response
