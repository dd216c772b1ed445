"""The installable web app: the service worker served from the site root (so its scope is the
whole portal) and the web app manifest. Both are public: the worker caches nothing by itself,
only what a signed-in user's pages ask for."""

from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

WORKER = Path(settings.BASE_DIR) / "static" / "pwa" / "sw.js"


class ServiceWorkerView(View):
    http_method_names = ["get", "head"]

    def get(self, request):
        response = HttpResponse(WORKER.read_bytes(), content_type="text/javascript; charset=utf-8")
        response["Service-Worker-Allowed"] = "/"
        response["Cache-Control"] = "no-cache"
        return response


class ManifestView(View):
    http_method_names = ["get", "head"]

    def get(self, request):
        data = {
            "name": _("Portal PLP-BK"),
            "short_name": "PLP-BK",
            "description": _("Daftar hadir dan data program PLP-BK, juga tanpa sinyal."),
            "lang": "id",
            "start_url": reverse("home"),
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#0d6efd",
            "icons": [
                {"src": static("pwa/ikon-192.png"), "sizes": "192x192", "type": "image/png"},
                {"src": static("pwa/ikon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any maskable"},
            ],
        }
        response = JsonResponse(data, content_type="application/manifest+json")
        response["Cache-Control"] = "no-cache"
        return response
