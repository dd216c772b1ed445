"""Forms of the shared core: one attendance row (entry page and xlsx import), the import
upload, and a meeting attachment."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from plpbk.common.uploads import IMAGES_AND_PDF, validate_upload

from .konflik import VersiFormMixin
from .models import JenisKelamin, JenisLampiran, Lampiran
from .services import BarisKehadiran

MAX_ROWS_PER_POST = 500

YA = {"y", "ya", "yes", "1", "x", "v", "✓", "√", "true", "benar", "miskin", "disabilitas", "difabel"}
TIDAK = {"", "t", "tidak", "no", "n", "0", "-", "–", "false", "salah", "bukan", "none"}


class YaTidakField(forms.Field):
    """A yes/no cell as people write it on paper or in Excel: Y/Ya/✓/1 or T/Tidak/-/blank."""

    default_error_messages = {"invalid": _("Isi dengan Ya atau Tidak (atau biarkan kosong).")}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float):
            return bool(value)
        text = str(value or "").strip().casefold()
        if text in YA:
            return True
        if text in TIDAK:
            return False
        raise ValidationError(self.error_messages["invalid"], code="invalid")


class JenisKelaminField(forms.CharField):
    """L/P, also written out (laki-laki, perempuan, pria, wanita)."""

    MAP = {
        "l": "L",
        "laki-laki": "L",
        "laki laki": "L",
        "laki": "L",
        "pria": "L",
        "lk": "L",
        "p": "P",
        "perempuan": "P",
        "wanita": "P",
        "pr": "P",
    }

    def to_python(self, value):
        text = " ".join(str(value or "").split()).casefold()
        if not text:
            return ""
        if text not in self.MAP:
            raise ValidationError(_("Isi L (laki-laki) atau P (perempuan)."), code="invalid")
        return self.MAP[text]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def clean_nama(value) -> str:
    nama = _text(value)
    if len(nama) < 2:
        raise ValidationError(_("Nama terlalu pendek."))
    return nama


def clean_jenis_kelamin(value) -> str:
    if not value:
        raise ValidationError(_("Pilih L atau P."), code="required")
    return value


def clean_rt_rw(value) -> str:
    text = _text(value)
    if not text:
        return ""
    # ASCII digits only: "²" or "٣" pass str.isdigit() but are not an RT number
    if not (text.isascii() and text.isdigit()) or int(text) > 999:
        raise ValidationError(_("Isi dengan angka (mis. 3)."))
    return str(int(text)).zfill(2)


class BarisKehadiranForm(forms.Form):
    """One attendance row. `orang` is the id of a registered person picked from the search;
    it is re-checked against the meeting's region by the attendance service."""

    orang = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kunci = forms.UUIDField(required=False, widget=forms.HiddenInput)
    nama = forms.CharField(label=_("Nama"), max_length=150, error_messages={"required": _("Isi nama peserta.")})
    jenis_kelamin = JenisKelaminField(label=_("L/P"), max_length=12, error_messages={"required": _("Pilih L atau P.")})
    unsur = forms.CharField(label=_("Unsur/jabatan"), max_length=100, required=False)
    alamat = forms.CharField(label=_("Alamat"), max_length=200, required=False)
    rt = forms.CharField(label=_("RT"), max_length=3, required=False)
    rw = forms.CharField(label=_("RW"), max_length=3, required=False)
    miskin = YaTidakField(label=_("Warga miskin"))
    disabilitas = YaTidakField(label=_("Disabilitas"))

    def clean_nama(self):
        return clean_nama(self.cleaned_data["nama"])

    def clean_jenis_kelamin(self):
        return clean_jenis_kelamin(self.cleaned_data["jenis_kelamin"])

    def clean_rt(self):
        return clean_rt_rw(self.cleaned_data.get("rt"))

    def clean_rw(self):
        return clean_rt_rw(self.cleaned_data.get("rw"))

    def clean_unsur(self):
        return _text(self.cleaned_data.get("unsur"))

    def clean_alamat(self):
        return _text(self.cleaned_data.get("alamat"))

    def to_baris(self, baris: int | None = None) -> BarisKehadiran:
        return row_from_cleaned(self.cleaned_data, baris)


_ROW_CLEANERS = {
    "nama": clean_nama,
    "jenis_kelamin": clean_jenis_kelamin,
    "rt": clean_rt_rw,
    "rw": clean_rt_rw,
    "unsur": _text,
    "alamat": _text,
}


def validate_row(data: dict) -> tuple[dict, dict[str, list[str]]]:
    """The same checks as BarisKehadiranForm, without building a form per row (an import
    validates thousands of rows; a Form instance deep-copies its fields each time).
    Returns (cleaned data, {field: [messages]})."""
    cleaned, errors = {}, {}
    for name, field in BarisKehadiranForm.base_fields.items():
        if name in ("orang", "kunci"):
            continue
        try:
            value = field.clean(data.get(name, ""))
            cleaner = _ROW_CLEANERS.get(name)
            cleaned[name] = cleaner(value) if cleaner else value
        except ValidationError as exc:
            errors[name] = exc.messages
    return cleaned, errors


def row_from_cleaned(d: dict, baris: int | None = None) -> BarisKehadiran:
    return BarisKehadiran(
        nama=d["nama"],
        jenis_kelamin=d["jenis_kelamin"],
        unsur=d.get("unsur", ""),
        alamat=d.get("alamat", ""),
        rt=d.get("rt", ""),
        rw=d.get("rw", ""),
        miskin=bool(d.get("miskin")),
        disabilitas=bool(d.get("disabilitas")),
        orang_id=d.get("orang") or None,
        baris=baris,
        kunci=d.get("kunci") or None,
    )


class BaseBarisFormSet(forms.BaseFormSet):
    def rows(self) -> list[BarisKehadiran]:
        return [f.to_baris() for f in self.forms if f.has_changed() and f.cleaned_data]


BarisFormSet = forms.formset_factory(
    BarisKehadiranForm,
    formset=BaseBarisFormSet,
    extra=0,
    min_num=1,
    max_num=MAX_ROWS_PER_POST,
    absolute_max=MAX_ROWS_PER_POST,
    validate_max=True,
    validate_min=True,
)


class ImportForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas daftar hadir (.xlsx)"),
        help_text=_("Pakai templat Excel dari halaman ini; paling besar 5 MB dan 5.000 baris."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class LampiranForm(forms.ModelForm):
    berkas = forms.FileField(
        label=_("berkas"),
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.webp,.pdf"}),
        help_text=_("Foto (JPG, PNG, WEBP) atau PDF hasil pindai; paling besar 10 MB."),
    )

    field_order = ["jenis", "berkas", "keterangan"]

    class Meta:
        model = Lampiran
        fields = ["jenis", "keterangan"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis"].choices = JenisLampiran.choices

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        validate_upload(berkas, IMAGES_AND_PDF, settings.UPLOAD_MAX_BYTES)
        return berkas


__all__ = ["BarisFormSet", "BarisKehadiranForm", "ImportForm", "JenisKelamin", "LampiranForm", "YaTidakField"]


class ProfilForm(VersiFormMixin, forms.Form):
    """The figures of a kelurahan profile of one year; `versi_dari` (the saved profile, if
    any) carries its version."""

    penduduk_l = forms.IntegerField(label=_("Penduduk laki-laki"), min_value=0, max_value=10_000_000)
    penduduk_p = forms.IntegerField(label=_("Penduduk perempuan"), min_value=0, max_value=10_000_000)
    jumlah_kk = forms.IntegerField(label=_("Jumlah KK"), min_value=0, max_value=10_000_000)
    kk_miskin = forms.IntegerField(label=_("KK miskin"), min_value=0, max_value=10_000_000)
    jumlah_mbr = forms.IntegerField(
        label=_("Warga MBR"),
        min_value=0,
        max_value=10_000_000,
        help_text=_("Masyarakat berpenghasilan rendah (jiwa)."),
    )
    jumlah_rt = forms.IntegerField(label=_("Jumlah RT"), min_value=0, max_value=10_000_000)
    jumlah_rw = forms.IntegerField(label=_("Jumlah RW"), min_value=0, max_value=10_000_000)
    jumlah_dusun = forms.IntegerField(
        label=_("Jumlah dusun"), min_value=0, max_value=10_000_000, help_text=_("0 bila tidak ada dusun.")
    )
    sumber = forms.CharField(
        label=_("Sumber data"),
        max_length=200,
        required=False,
        help_text=_("Mis. Profil Desa 2012, data BPS, pendataan BKM."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("simpan", _("Simpan profil"), css_class="btn-primary"))
