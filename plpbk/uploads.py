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
