"""Forms of the KSM stage, each with its crispy layout."""

from __future__ import annotations

from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from kelurahan.konflik import VersiFormMixin
from kelurahan.models import Orang
from plpbk.common.uploads import IMAGES, IMAGES_AND_PDF, validate_upload
from tipp.models import Kegiatan

from .forms import DateInput, _helper
from .models_ksm import KSM, AnggotaKSM, BeritaAcaraKSM, LaporanProgres, PencairanKSM, TitikFoto, UsulanKegiatan


def _berkas(kinds):
    def clean(upload):
        if upload:
            validate_upload(upload, kinds)
        return upload

    return clean


class KsmForm(VersiFormMixin, forms.ModelForm):
    sk_berkas = forms.FileField(
        label=_("SK BKM (PDF atau foto)"),
        required=False,
        help_text=_("Kosongkan bila tidak mengganti berkas yang sudah ada."),
    )

    class Meta:
        model = KSM
        fields = ["nama", "alamat", "dibentuk", "ketua", "nomor_sk"]
        widgets = {"dibentuk": DateInput()}

    def __init__(self, *args, wilayah=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ketua"].queryset = Orang.objects.filter(wilayah=wilayah).order_by("nama")
        self.helper = _helper(_("Simpan KSM"))
        self.helper.render_hidden_fields = True
        self.helper.layout = Layout(
            "nama", "alamat", Row(Column("dibentuk"), Column("ketua")), Row(Column("nomor_sk"), Column("sk_berkas"))
        )

    def clean_sk_berkas(self):
        return _berkas(IMAGES_AND_PDF)(self.cleaned_data.get("sk_berkas"))


class AnggotaForm(forms.ModelForm):
    class Meta:
        model = AnggotaKSM
        fields = ["orang", "jabatan"]

    def __init__(self, *args, ksm=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["orang"].queryset = (
            Orang.objects.filter(wilayah_id=ksm.wilayah_id).exclude(anggota_ksm__ksm=ksm).order_by("nama")
        )
        self.helper = _helper(_("Tambah anggota"))
        self.helper.layout = Layout(Row(Column("orang"), Column("jabatan")))


class UsulanForm(VersiFormMixin, forms.ModelForm):
    class Meta:
        model = UsulanKegiatan
        fields = [
            "kegiatan",
            "nama",
            "volume",
            "satuan",
            "rt",
            "rw",
            "biaya_blm",
            "biaya_apbd",
            "biaya_swadaya",
            "biaya_lain",
            "penerima_jiwa",
            "penerima_perempuan",
            "penerima_miskin",
            "penerima_kk",
            "penerima_kk_miskin",
        ]

    def __init__(self, *args, wilayah_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kegiatan"].queryset = Kegiatan.objects.of_approved_plan(wilayah_id).order_by("urutan", "pk")
        self.fields["kegiatan"].label_from_instance = lambda k: f"{k.get_tahap_display()}: {k.nama}"
        self.helper = _helper(_("Simpan usulan"))
        self.helper.render_hidden_fields = True
        self.helper.layout = Layout(
            "kegiatan",
            "nama",
            Row(Column("volume"), Column("satuan"), Column("rt"), Column("rw")),
            Fieldset(
                _("Biaya menurut sumber dana (Rp, bilangan bulat)"),
                Row(Column("biaya_blm"), Column("biaya_apbd")),
                Row(Column("biaya_swadaya"), Column("biaya_lain")),
            ),
            Fieldset(
                _("Penerima manfaat"),
                Row(Column("penerima_jiwa"), Column("penerima_perempuan")),
                Row(Column("penerima_miskin"), Column("penerima_kk"), Column("penerima_kk_miskin")),
            ),
        )

    def clean(self):
        data = super().clean()
        jiwa = data.get("penerima_jiwa") or 0
        if (data.get("penerima_perempuan") or 0) > jiwa or (data.get("penerima_miskin") or 0) > jiwa:
            raise forms.ValidationError(_("Penerima manfaat perempuan atau miskin tidak boleh lebih dari jumlah jiwa."))
        if (data.get("penerima_kk_miskin") or 0) > (data.get("penerima_kk") or 0):
            self.add_error("penerima_kk_miskin", _("KK miskin penerima manfaat tidak boleh lebih dari jumlah KK."))
        if sum(data.get(f) or 0 for f in UsulanKegiatan.SUMBER) <= 0:
            raise forms.ValidationError(_("Biaya usulan harus lebih dari nol."))
        return data


class VerifikasiUsulanForm(VersiFormMixin, forms.Form):
    keputusan = forms.ChoiceField(
        label=_("keputusan"),
        choices=[("setuju", _("Verifikasi (setujui)")), ("kembalikan", _("Kembalikan untuk diperbaiki"))],
        widget=forms.RadioSelect,
    )
    alasan = forms.CharField(label=_("alasan pengembalian"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Simpan keputusan"))
        self.helper.render_hidden_fields = True


class PencairanForm(forms.Form):
    tahap = forms.IntegerField(label=_("tahap"), min_value=1, max_value=10)
    tanggal = forms.DateField(label=_("tanggal pencairan"), widget=DateInput())
    jumlah = forms.IntegerField(label=_("jumlah (Rp)"), min_value=1)
    kuitansi = forms.FileField(label=_("kuitansi (PDF atau foto)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Catat pencairan"), working=_("Menyimpan…"))
        self.helper.layout = Layout(Row(Column("tahap"), Column("tanggal"), Column("jumlah")), "kuitansi")

    def clean_kuitansi(self):
        return _berkas(IMAGES_AND_PDF)(self.cleaned_data.get("kuitansi"))


class LaporanForm(forms.Form):
    tanggal = forms.DateField(label=_("tanggal laporan"), widget=DateInput())
    persen = forms.IntegerField(label=_("progres fisik (%)"), min_value=0, max_value=100)
    dana_terpakai = forms.IntegerField(label=_("dana terpakai s.d. tanggal ini (Rp)"), min_value=0)
    hok_l = forms.IntegerField(label=_("HOK laki-laki"), min_value=0, initial=0)
    hok_p = forms.IntegerField(label=_("HOK perempuan"), min_value=0, initial=0)
    masalah = forms.CharField(label=_("permasalahan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    foto_titik = forms.TypedChoiceField(
        label=_("foto pada progres"), choices=TitikFoto.choices, coerce=int, required=False, empty_value=None
    )
    foto = forms.FileField(label=_("foto (JPG, PNG atau WebP)"), required=False)
    keterangan_foto = forms.CharField(label=_("keterangan foto"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Simpan laporan"), working=_("Menyimpan…"))
        self.helper.layout = Layout(
            Row(Column("tanggal"), Column("persen"), Column("dana_terpakai")),
            Row(Column("hok_l"), Column("hok_p")),
            "masalah",
            Fieldset(_("Foto progres"), Row(Column("foto_titik"), Column("foto")), "keterangan_foto"),
        )

    def clean_foto(self):
        return _berkas(IMAGES)(self.cleaned_data.get("foto"))

    def clean(self):
        data = super().clean()
        if data.get("foto") and data.get("foto_titik") is None:
            self.add_error("foto_titik", _("Pilih foto ini diambil pada 0%, 50% atau 100%."))
        return data


class BeritaAcaraForm(VersiFormMixin, forms.ModelForm):
    class Meta:
        model = BeritaAcaraKSM
        fields = ["tanggal", "nomor", "hasil", "nama_kpp", "ketua_kpp"]
        widgets = {"tanggal": DateInput(), "hasil": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.jenis != "serah_terima":
            del self.fields["nama_kpp"], self.fields["ketua_kpp"]
        self.helper = _helper(_("Simpan berita acara"))
        self.helper.render_hidden_fields = True


class PencairanUbahForm(VersiFormMixin, forms.ModelForm):
    """Correct a disbursement; the receipt is replaced only when a new one is chosen."""

    kuitansi_baru = forms.FileField(
        label=_("kuitansi baru (PDF atau foto)"),
        required=False,
        help_text=_("Kosongkan bila tidak mengganti berkas yang sudah ada."),
    )

    class Meta:
        model = PencairanKSM
        fields = ["tahap", "tanggal", "jumlah"]
        widgets = {"tanggal": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Simpan perbaikan"), working=_("Menyimpan…"))
        self.helper.render_hidden_fields = True
        self.helper.layout = Layout(Row(Column("tahap"), Column("tanggal"), Column("jumlah")), "kuitansi_baru")

    def clean_kuitansi_baru(self):
        return _berkas(IMAGES_AND_PDF)(self.cleaned_data.get("kuitansi_baru"))


class LaporanUbahForm(VersiFormMixin, forms.ModelForm):
    """Correct a progress report (its photos stay as they are)."""

    class Meta:
        model = LaporanProgres
        fields = ["tanggal", "persen", "dana_terpakai", "hok_l", "hok_p", "masalah"]
        widgets = {"tanggal": DateInput(), "masalah": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Simpan perbaikan"), working=_("Menyimpan…"))
        self.helper.render_hidden_fields = True
        self.helper.layout = Layout(
            Row(Column("tanggal"), Column("persen"), Column("dana_terpakai")),
            Row(Column("hok_l"), Column("hok_p")),
            "masalah",
        )


class BatalForm(forms.Form):
    """Withdraw a record with a reason; carries the version of the page it was shown on."""

    alasan = forms.CharField(
        label=_("alasan pembatalan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Tuliskan alasan pembatalan.")},
    )
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2_147_483_647)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Batalkan"), working=_("Membatalkan…"))
        self.helper.render_hidden_fields = True
