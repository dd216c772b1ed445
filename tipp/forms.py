"""Forms of the TIPP app. Plain forms whose cleaned data go to the services (which hold
the rules); ModelForms where the form edits one object's own fields."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from kelurahan.konflik import VersiFormMixin
from kelurahan.models import JenisKelamin
from plpbk.common.uploads import validate_upload

from .models import AsalAnggota, DokumenPerencanaan, JenisBukti, Kegiatan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _helper(label=None) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("simpan", label or _("Simpan"), css_class="btn-primary"))
    return helper


class LangkahForm(VersiFormMixin, forms.Form):
    tanggal = forms.DateField(label=_("Tanggal pertemuan"), widget=DATE)
    tempat = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    hasil = forms.CharField(
        label=_("Hasil kesepakatan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Mis. syarat anggota TIPP dan proses pembentukan yang disepakati."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class BuktiForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis"), choices=JenisBukti.choices)
    berkas = forms.FileField(label=_("Berkas (PDF/JPG/PNG)"))
    keterangan = forms.CharField(label=_("Keterangan"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template holds the form and its button

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        validate_upload(berkas)
        return berkas


class AnggotaForm(VersiFormMixin, forms.Form):
    nama = forms.CharField(label=_("Nama"), max_length=150)
    jenis_kelamin = forms.ChoiceField(label=_("Jenis kelamin"), choices=JenisKelamin.choices)
    asal = forms.ChoiceField(label=_("Asal"), choices=AsalAnggota.choices)
    peran = forms.CharField(label=_("Peran dalam tim"), max_length=100, initial="Anggota")
    mulai = forms.DateField(label=_("Masa tugas mulai"), widget=DATE)
    selesai = forms.DateField(label=_("Masa tugas selesai"), widget=DATE, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean(self):
        data = super().clean()
        if data.get("mulai") and data.get("selesai") and data["selesai"] < data["mulai"]:
            self.add_error("selesai", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        return data


class KukuhkanForm(forms.Form):
    tanggal = forms.DateField(label=_("Tanggal pengukuhan"), widget=DATE)
    oleh_bkm = forms.CharField(label=_("Dikukuhkan oleh BKM (nama)"), max_length=150)
    oleh_lurah = forms.CharField(label=_("Dikukuhkan oleh Lurah/Kepala Desa (nama)"), max_length=150)
    nomor_sk = forms.CharField(label=_("Nomor SK"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Kukuhkan"))


class PokjaForm(forms.Form):
    nama = forms.CharField(label=_("Nama pokja"), max_length=100, initial="Pokja ND")
    tugas = forms.CharField(label=_("Tugas"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class FGDForm(VersiFormMixin, forms.Form):
    kbk = forms.CharField(label=_("KBK"), max_length=150, help_text=_("Kelompok belajar/basis komunitas."))
    tanggal = forms.DateField(label=_("Tanggal"), widget=DATE)
    tempat = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    kriteria = forms.CharField(
        label=_("Kriteria anggota yang disepakati"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Satu kriteria per baris."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class PemilihanForm(VersiFormMixin, forms.Form):
    tanggal = forms.DateField(label=_("Tanggal pemilihan"), widget=DATE)
    tempat = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    kriteria = forms.CharField(
        label=_("Kriteria yang berlaku"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Satu kriteria per baris; diisi awal dari hasil FGD."),
    )
    kursi = forms.IntegerField(label=_("Jumlah kursi"), min_value=1, max_value=100)
    kursi_perempuan_min = forms.IntegerField(
        label=_("Kursi perempuan paling sedikit"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("Kosongkan bila tidak ada aturan kursi perempuan."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean(self):
        data = super().clean()
        if data.get("kursi") and (data.get("kursi_perempuan_min") or 0) > data["kursi"]:
            self.add_error("kursi_perempuan_min", _("Kursi perempuan tidak boleh melebihi jumlah kursi."))
        return data


class KandidatForm(forms.Form):
    nama = forms.CharField(label=_("Nama kandidat"), max_length=150)
    jenis_kelamin = forms.ChoiceField(label=_("Jenis kelamin"), choices=JenisKelamin.choices)
    memenuhi_kriteria = forms.BooleanField(label=_("Memenuhi kriteria"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Tambah kandidat"))


class PemilihForm(forms.Form):
    """Voters are picked among the people recorded present at the election meeting."""

    pemilih = forms.MultipleChoiceField(
        label=_("Pemilih (yang tercatat hadir)"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, kehadiran=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pemilih"].choices = [(str(k.pk), f"{k.urutan}. {k.nama} ({k.jenis_kelamin})") for k in kehadiran]
        self.helper = _helper()

    def clean_pemilih(self):
        return [int(v) for v in self.cleaned_data["pemilih"]]


class SuaraForm(forms.Form):
    """One whole-number field per candidate; the service checks the total against voters."""

    def __init__(self, *args, kandidat=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kandidat = list(kandidat)
        for k in self.kandidat:
            self.fields[f"k{k.pk}"] = forms.IntegerField(
                label=f"{k.orang.nama} ({k.orang.jenis_kelamin})",
                min_value=0,
                initial=k.suara,
                disabled=not k.memenuhi_kriteria,
                help_text="" if k.memenuhi_kriteria else _("Tidak memenuhi kriteria"),
            )
        self.helper = _helper(_("Simpan suara"))

    def suara(self) -> dict[int, int]:
        return {k.pk: self.cleaned_data[f"k{k.pk}"] for k in self.kandidat if k.memenuhi_kriteria}


class KegiatanForm(VersiFormMixin, forms.ModelForm):
    class Meta:
        model = Kegiatan
        fields = ["tahap", "urutan", "nama", "mulai", "durasi", "volume", "satuan", "penanggung_jawab"]
        widgets = {"mulai": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["urutan"].required = False
        self.fields["urutan"].help_text = _("Kosongkan untuk menaruh di akhir.")
        self.helper = _helper()

    def clean_urutan(self):
        """Blank: at the end for a new activity, unchanged for an existing one."""
        return self.cleaned_data.get("urutan") or (self.instance.urutan if self.instance.pk else 0)


class ProgresForm(forms.Form):
    tanggal = forms.DateField(label=_("Tanggal laporan"), widget=DATE)
    persen = forms.IntegerField(label=_("Progres (%)"), min_value=0, max_value=100)
    mulai_aktual = forms.DateField(label=_("Mulai aktual"), widget=DATE, required=False)
    selesai_aktual = forms.DateField(label=_("Selesai aktual"), widget=DATE, required=False)
    catatan = forms.CharField(label=_("Catatan"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Simpan progres"))


class SetujuiForm(forms.Form):
    tanggal = forms.DateField(label=_("Tanggal persetujuan"), widget=DATE)
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2_147_483_647)


class DokumenForm(VersiFormMixin, forms.ModelForm):
    class Meta:
        model = DokumenPerencanaan
        fields = ["jenis", "judul", "periode", "ringkasan", "dasar_jenis", "dasar_nomor", "dasar_tanggal"]
        widgets = {"dasar_tanggal": DATE, "ringkasan": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"dasar_nomor": _("Diisi paling lambat sebelum dokumen disahkan.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class BerkasDokumenForm(forms.Form):
    berkas = forms.FileField(label=_("Berkas dokumen (PDF)"))
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2_147_483_647)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Unggah"))

    def clean_berkas(self):
        upload = self.cleaned_data["berkas"]
        validate_upload(upload, ("pdf",))
        return upload


class KonsultasiForm(forms.Form):
    tanggal = forms.DateField(label=_("Tanggal konsultasi"), widget=DATE)
    tempat = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    hasil = forms.CharField(
        label=_("Hasil konsultasi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Masukan warga dan kesepakatan yang dicapai."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Catat konsultasi"))
