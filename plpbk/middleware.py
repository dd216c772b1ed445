"""Indonesian unless the user chose otherwise.

Many phones in the field are set to English; the portal must still speak Indonesian by
default. The browser's Accept-Language is therefore ignored: the language comes from the
user's own choice (the language switch's cookie) or LANGUAGE_CODE.
"""


class IgnoreBrowserLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
