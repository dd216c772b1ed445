"""Request-wide policies of the portal.

Indonesian unless the user chose otherwise: many phones in the field are set to English;
the portal must still speak Indonesian by default. The browser's Accept-Language is
therefore ignored: the language comes from the user's own choice (the language switch's
cookie) or LANGUAGE_CODE.
"""


class IgnoreBrowserLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class SqliteReadsDeferredMiddleware:
    """On SQLite a request's transaction (ATOMIC_REQUESTS) begins IMMEDIATE, so concurrent
    writers wait for each other (busy timeout) instead of failing with "database is locked";
    a GET/HEAD only reads, so its transaction begins DEFERRED and takes no lock. Elsewhere
    (PostgreSQL) nothing changes."""

    SAFE = frozenset({"GET", "HEAD", "OPTIONS"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.db import connection

        if connection.vendor != "sqlite" or request.method not in self.SAFE:
            return self.get_response(request)
        connection.ensure_connection()  # the mode is read from the settings on connecting
        mode = connection.transaction_mode
        connection.transaction_mode = None
        try:
            return self.get_response(request)
        finally:
            connection.transaction_mode = mode
