"""Upload checks shared by every app: size, extension and content (magic bytes, and
Pillow's verify for images) before anything else reads the file."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SIGNATURES = {
    "pdf": [(b"%PDF-", 0)],
    "jpeg": [(b"\xff\xd8\xff", 0)],
    "png": [(b"\x89PNG\r\n\x1a\n", 0)],
    "webp": [(b"RIFF", 0), (b"WEBP", 8)],
}
EXTENSIONS = {"pdf": {".pdf"}, "jpeg": {".jpg", ".jpeg"}, "png": {".png"}, "webp": {".webp"}}
CONTENT_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
IMAGES = ("jpeg", "png", "webp")
IMAGES_AND_PDF = ("jpeg", "png", "webp", "pdf")


def detect(head: bytes) -> str | None:
    for kind, parts in SIGNATURES.items():
        if all(head[offset : offset + len(sig)] == sig for sig, offset in parts):
            return kind
    return None


def validate_upload(upload, kinds=IMAGES_AND_PDF, max_bytes: int | None = None) -> str:
    """Return the detected kind ("pdf", "jpeg", …) or raise ValidationError in Indonesian."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    if upload.size == 0:
        raise ValidationError(_("Berkas kosong."))
    if upload.size > max_bytes:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s MB); paling besar %(max)s MB.")
            % {"size": round(upload.size / 1048576, 1), "max": round(max_bytes / 1048576, 1)}
        )
    name = (getattr(upload, "name", "") or "").lower()
    allowed_ext = set().union(*(EXTENSIONS[k] for k in kinds))
    if not any(name.endswith(ext) for ext in allowed_ext):
        raise ValidationError(
            _("Jenis berkas tidak diterima; yang diterima: %(ext)s.") % {"ext": ", ".join(sorted(allowed_ext))}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = detect(head)
    if kind not in kinds or not any(name.endswith(ext) for ext in EXTENSIONS[kind]):
        raise ValidationError(_("Isi berkas tidak sesuai dengan jenisnya (mungkin berkas lain yang diganti namanya)."))
    if kind in IMAGES:
        from PIL import Image

        try:
            with Image.open(upload) as img:
                img.verify()
        except Exception:
            raise ValidationError(_("Gambar rusak atau tidak dapat dibaca.")) from None
        finally:
            upload.seek(0)
    return kind


INLINE_TYPES = ("application/pdf", "image/jpeg", "image/png", "image/webp")


def _local(field_file) -> bool:
    try:
        field_file.path  # noqa: B018
    except NotImplementedError:
        return False
    return True


def serve_file(field_file, filename: str, content_type: str):
    """The response for a stored file, after the caller has checked who may see it.

    `settings.FILES_SERVE` decides who sends the bytes: "django" streams them (development),
    "nginx" answers empty with `X-Accel-Redirect: <FILES_ACCEL_PREFIX><name>` for an nginx
    `internal` location (with object storage, that location proxies to the bucket: the name is
    the object's key), "sendfile" answers empty with `X-Sendfile: <absolute path>` (Apache
    mod_xsendfile, lighttpd). Images and PDFs open in the browser, anything else downloads;
    the original name travels RFC 6266-encoded; the browser is told not to sniff the type."""
    from urllib.parse import quote

    from django.http import FileResponse, Http404, HttpResponse
    from django.utils.http import content_disposition_header

    mode = settings.FILES_SERVE
    if mode == "sendfile" and not _local(field_file):
        mode = "django"  # X-Sendfile needs a path on this machine: stream from the storage instead
    if mode == "nginx":
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.FILES_ACCEL_PREFIX + quote(field_file.name)
    elif mode == "sendfile":
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = field_file.path
    else:
        try:
            handle = field_file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(content_type not in INLINE_TYPES, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response
