"""render_pdf: a Django template to PDF bytes with WeasyPrint.

Only files under the static and media folders can be fetched while rendering: no HTTP,
no file:// elsewhere, so a name or an upload cannot make the renderer read the disk or
the network.
"""

from __future__ import annotations

import functools
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


class FetchRefused(ValueError):
    pass


def _allowed_roots() -> list[Path]:
    roots = [Path(d).resolve() for d in settings.STATICFILES_DIRS]
    roots.append(Path(settings.MEDIA_ROOT).resolve())
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def _resolve_local(url: str) -> Path:
    """Map a file:// URL or a /static/, /media/ path to a file inside an allowed root."""
    parsed = urlparse(url)
    if parsed.scheme not in ("file", ""):
        raise FetchRefused(f"refused to fetch {url!r}")
    path = unquote(parsed.path)
    for prefix, roots in (
        ("/" + settings.STATIC_URL.lstrip("/"), [Path(d) for d in settings.STATICFILES_DIRS]),
        ("/" + settings.MEDIA_URL.lstrip("/"), [Path(settings.MEDIA_ROOT)]),
    ):
        if path.startswith(prefix):
            for root in roots:
                candidate = (root / path[len(prefix) :]).resolve()
                if candidate.is_file():
                    path = str(candidate)
                    break
    target = Path(path).resolve()
    if not any(target.is_relative_to(root) for root in _allowed_roots()) or not target.is_file():
        raise FetchRefused(f"refused to fetch {url!r}")
    return target


class LocalFetcher(URLFetcher):
    """Fetches data: URLs and files under static/ and media/; refuses everything else."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        target = _resolve_local(url)
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return URLFetcherResponse(target.as_uri(), body=target.read_bytes(), headers={"Content-Type": content_type})


def bahasa_dokumen(request=None) -> str:
    """Official documents print in Indonesian whatever the interface language; English only
    when asked for explicitly on the PDF's URL (`?bahasa=en`)."""
    if request is not None and request.GET.get("bahasa") == "en":
        return "en"
    return "id"


def dalam_bahasa_dokumen(fn):
    """Run a PDF builder (a function taking `request=`, or a view's `get`) in the document's
    language, so labels, month names and messages made while building its context match the
    printed text."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        request = kwargs.get("request") or next((a for a in args if isinstance(a, HttpRequest)), None)
        with translation.override(bahasa_dokumen(request)):
            return fn(*args, **kwargs)

    return wrapper


def render_pdf(template_name: str, context: dict | None = None, request=None) -> bytes:
    with translation.override(bahasa_dokumen(request)):
        html = render_to_string(template_name, context or {}, request=request)
    base_url = str(Path(settings.STATICFILES_DIRS[0]).resolve()) + "/"
    return HTML(string=html, base_url=base_url, url_fetcher=LocalFetcher()).write_pdf()


def pdf_response(pdf: bytes, filename: str, inline: bool = True) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
