"""Fresh dashboard figures after a save, without a scheduler: once a write request (any method
but GET, HEAD, OPTIONS, TRACE) has returned, and so its transaction (ATOMIC_REQUESTS) has
committed, recount the marks of a few regions in short transactions of their own
(plpbk.dasbor.ringkasan.setelah_tulis). Reading requests never recount."""

from . import ringkasan

AMAN = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class HitungSetelahTulisMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in AMAN:
            ringkasan.setelah_tulis()
        return response
