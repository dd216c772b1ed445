"""Writes of the TIPP app, and the questions other apps ask about a kelurahan's TIPP.

Other apps (BLM) read TIPP state only through the functions in the first section:
`tipp_terbentuk`, `rencana_kerja_disetujui`, `kegiatan_rencana_kerja`, `rtplp_disahkan`; blm
imports tipp, never
the other way round. The one BLM fact the work plan needs, the usage deadline, is read
through the core's region (`batas_waktu_pemanfaatan`), so this app imports no blm module.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from kelurahan import konflik, siklus
from kelurahan.konflik import klaim, klaim_versi
from kelurahan.models import JenisPertemuan, Orang, Pertemuan, Wilayah
from kelurahan.riwayat import ACTIONS
from kelurahan.services import normalise_nama, simpan_berkas

from .models import (
    JUMLAH_LANGKAH,
    LANGKAH,
    LANGKAH_POKJA,
    LANGKAH_STAF_PEMDA,
    TIPP,
    AnggotaTIPP,
    AsalAnggota,
    BuktiLangkah,
    Kegiatan,
    LangkahTIPP,
    Pemilihan,
    ProgresKegiatan,
    RencanaKerja,
    TahapKegiatan,
)

# ---------------------------------------------------------------------------------------
# Questions other apps ask (cheap: one query each)
# ---------------------------------------------------------------------------------------


def _kode(wilayah) -> str:
    return getattr(wilayah, "kode", wilayah)


def tipp_terbentuk(wilayah) -> bool:
    """The kelurahan's TIPP is formed: all five steps done and the team confirmed (one query)."""
    return (
        TIPP.objects.filter(wilayah_id=_kode(wilayah), dikukuhkan__isnull=False)
        .annotate(done=Count("langkah", filter=Q(langkah__selesai__isnull=False)))
        .filter(done=JUMLAH_LANGKAH)
        .exists()
    )


def pokja_terbentuk(tipp_id: int, pada: datetime.date | None = None) -> bool:
    """A Pokja of the TIPP was formed the seed's way: FGD(s), then an election (on or before
    `pada`) whose votes are counted. One query."""
    pemilihan = Pemilihan.objects.filter(
        pokja__tipp_id=tipp_id,
        pokja__fgd__isnull=False,
        kandidat__suara__gt=0,
        kandidat__memenuhi_kriteria=True,
    )
    if pada is not None:
        pemilihan = pemilihan.filter(pertemuan__tanggal__lte=pada)
    return pemilihan.exists()


def rencana_kerja_disetujui(wilayah) -> bool:
    """The kelurahan has an approved work plan (its baseline frozen). One query."""
    return RencanaKerja.objects.filter(wilayah_id=_kode(wilayah), disetujui__isnull=False).exists()


def kegiatan_rencana_kerja(wilayah) -> list[tuple[int, str]]:
    """(id, label) of the approved plan's activities, in plan order; empty when no plan is
    approved. One query. BLM's LPJ spending lines pick one of these."""
    rows = (
        Kegiatan.objects.of_approved_plan(wilayah).order_by("urutan", "mulai", "pk").values_list("pk", "tahap", "nama")
    )
    labels = dict(TahapKegiatan.choices)
    return [(pk, f"{labels.get(tahap, tahap)}: {nama}") for pk, tahap, nama in rows]


def rtplp_disahkan(wilayah) -> bool:
    """The kelurahan has a legalised RTPLP (status Disahkan). One query."""
    from .models_dokumen import DokumenPerencanaan, JenisDokumen, StatusDokumen

    return DokumenPerencanaan.objects.filter(
        wilayah_id=_kode(wilayah), jenis=JenisDokumen.RTPLP, status=StatusDokumen.DISAHKAN
    ).exists()


def ringkasan_tipp(wilayah) -> dict:
    """The TIPP summary of a kelurahan for the region page: two queries."""
    tipp = (
        TIPP.objects.filter(wilayah=wilayah)
        .annotate(selesai=Count("langkah", filter=Q(langkah__selesai__isnull=False)))
        .first()
    )
    return {
        "tipp": tipp,
        "selesai": tipp.selesai if tipp else 0,
        "total": JUMLAH_LANGKAH,
        "rencana": RencanaKerja.objects.filter(wilayah=wilayah).first(),
    }


def batas_waktu_pemanfaatan(wilayah) -> datetime.date | None:
    """The BLM usage deadline ("batas waktu pemanfaatan") of the kelurahan's latest allocation;
    None when it has none. One query, through the region's reverse relation to the BLM
    allocations (`Wilayah.alokasi_blm`): the BLM app must be installed, and a missing relation
    fails loudly (FieldError), never silently."""
    return (
        Wilayah.objects.filter(kode=_kode(wilayah), alokasi_blm__isnull=False)
        .order_by("-alokasi_blm__tahun")
        .values_list("alokasi_blm__batas_waktu", flat=True)
        .first()
    )


# ---------------------------------------------------------------------------------------
# Formation
# ---------------------------------------------------------------------------------------


@transaction.atomic
def buat_tipp(wilayah: Wilayah) -> TIPP:
    """Create the kelurahan's TIPP with its five (empty) steps; returns the existing one if any."""
    if not wilayah.is_kelurahan:
        raise ValidationError(_("TIPP hanya dibentuk di kelurahan/desa."))
    tipp, created = TIPP.objects.get_or_create(wilayah=wilayah)
    if created:
        LangkahTIPP.objects.bulk_create(LangkahTIPP(tipp=tipp, nomor=n) for n, *_rest in LANGKAH)
    return tipp


def _pertemuan_judul(langkah: LangkahTIPP) -> str:
    return _("Pembentukan TIPP langkah %(n)s: %(judul)s") % {"n": langkah.nomor, "judul": langkah.judul}


@transaction.atomic
def simpan_langkah(
    langkah: LangkahTIPP,
    *,
    tanggal: datetime.date,
    tempat: str = "",
    hasil: str = "",
    user=None,
    versi: int | None = None,
) -> LangkahTIPP:
    """Record a step's meeting (creating its Pertemuan the first time) and its agreed result."""
    siklus.pastikan_terbuka(langkah.pertemuan_id)
    klaim(langkah, versi)
    selesai = LangkahTIPP.objects.filter(pk=langkah.pk).values_list("selesai", flat=True).first()
    if selesai and tanggal > selesai:
        raise ValidationError(_("Tanggal pertemuan tidak boleh sesudah tanggal langkah ini diselesaikan."))
    wilayah_id = langkah.tipp.wilayah_id
    if langkah.pertemuan_id is None:
        langkah.pertemuan = Pertemuan.objects.create(
            jenis=JenisPertemuan.TIPP,
            judul=_pertemuan_judul(langkah)[:200],
            wilayah_id=wilayah_id,
            tanggal=tanggal,
            tempat=tempat,
            dibuat_oleh=user if getattr(user, "is_authenticated", False) else None,
        )
    else:
        pertemuan = langkah.pertemuan
        pertemuan.tanggal = tanggal
        pertemuan.tempat = tempat
        pertemuan.save(update_fields=["tanggal", "tempat", "diubah"])
    langkah.hasil = hasil
    langkah.save(update_fields=["hasil", "pertemuan", "versi"])  # never `selesai`: only the step services set it
    return langkah


@transaction.atomic
def selesaikan_langkah(langkah: LangkahTIPP, pada: datetime.date | None = None) -> LangkahTIPP:
    """Mark a step done. Refused unless the step before it is done, its meeting is recorded,
    and (for step 2) the agreed member requirements are written."""
    steps = {s.nomor: s for s in LangkahTIPP.objects.select_for_update().filter(tipp_id=langkah.tipp_id)}
    langkah = steps[langkah.nomor]
    if langkah.is_done:
        raise ValidationError(_("Langkah %(n)s sudah selesai.") % {"n": langkah.nomor})
    sebelum = steps.get(langkah.nomor - 1)
    if sebelum is not None and not sebelum.is_done:
        raise ValidationError(
            _("Langkah %(n)s belum dapat diselesaikan: langkah %(m)s (%(judul)s) belum selesai.")
            % {"n": langkah.nomor, "m": sebelum.nomor, "judul": sebelum.judul}
        )
    if langkah.pertemuan_id is None:
        raise ValidationError(
            _("Catat dulu tanggal dan tempat pertemuan langkah %(n)s sebelum menandainya selesai.")
            % {"n": langkah.nomor}
        )
    if langkah.nomor == 2 and not langkah.hasil.strip():
        raise ValidationError(_("Tuliskan dulu syarat anggota TIPP yang disepakati pada langkah 2."))
    pada = pada or langkah.pertemuan.tanggal
    if langkah.nomor == LANGKAH_POKJA and not pokja_terbentuk(langkah.tipp_id, pada):
        raise ValidationError(
            _(
                "Langkah 5 belum dapat diselesaikan: belum ada Pokja yang dibentuk lewat FGD lalu pemilihan "
                "dengan suara yang sudah dihitung, paling lambat %(tgl)s. "
                "Catat dulu FGD dan pemilihannya di halaman Pokja."
            )
            % {"tgl": pada.strftime("%d-%m-%Y")}
        )
    if sebelum is not None and pada < sebelum.selesai:
        raise ValidationError(
            _("Tanggal selesai langkah %(n)s tidak boleh sebelum langkah %(m)s selesai (%(tgl)s).")
            % {"n": langkah.nomor, "m": sebelum.nomor, "tgl": sebelum.selesai.strftime("%d-%m-%Y")}
        )
    langkah.selesai = pada
    langkah.save(update_fields=["selesai"])
    return langkah


@transaction.atomic
def batalkan_langkah(langkah: LangkahTIPP) -> LangkahTIPP:
    """Reopen a step; refused while a later step is still done or the team is confirmed."""
    tipp = TIPP.objects.select_for_update().get(pk=langkah.tipp_id)
    if LangkahTIPP.objects.filter(tipp=tipp, nomor__gt=langkah.nomor, selesai__isnull=False).exists():
        raise ValidationError(_("Buka dulu langkah sesudahnya; langkah dibuka kembali dari yang terakhir."))
    if tipp.dikukuhkan:
        raise ValidationError(_("TIPP sudah dikukuhkan; langkah tidak dapat dibuka kembali."))
    langkah.selesai = None
    langkah.save(update_fields=["selesai"])
    return langkah


def cari_atau_buat_orang(wilayah_id: str, nama: str, jenis_kelamin: str) -> Orang:
    """The one registered person of the region with this name and sex, or a new one."""
    nama = " ".join(nama.split())
    found = [
        o
        for o in Orang.objects.filter(wilayah_id=wilayah_id, nama__iexact=nama, jenis_kelamin=jenis_kelamin)
        if normalise_nama(o.nama) == normalise_nama(nama)
    ]
    if len(found) >= 1:
        return found[0]
    return Orang.objects.create(wilayah_id=wilayah_id, nama=nama, jenis_kelamin=jenis_kelamin)


@transaction.atomic
def simpan_anggota(
    tipp: TIPP,
    *,
    nama: str,
    jenis_kelamin: str,
    asal: str,
    peran: str,
    mulai: datetime.date,
    selesai: datetime.date | None = None,
    anggota: AnggotaTIPP | None = None,
    versi: int | None = None,
) -> AnggotaTIPP:
    """Add (or change) a member. Pemda technical staff join only once step 4 chose them."""
    if asal == AsalAnggota.PEMDA:
        langkah4 = LangkahTIPP.objects.filter(tipp=tipp, nomor=LANGKAH_STAF_PEMDA).first()
        if langkah4 is None or not langkah4.is_done:
            raise ValidationError(
                _("Staf teknis Pemda baru dapat dicatat sesudah langkah 4 (pemilihan staf teknis Pemda) selesai.")
            )
    orang = cari_atau_buat_orang(tipp.wilayah_id, nama, jenis_kelamin)
    other = AnggotaTIPP.objects.filter(tipp=tipp, orang=orang)
    if anggota is not None:
        other = other.exclude(pk=anggota.pk)
    if other.exists():
        raise ValidationError(_("%(nama)s sudah menjadi anggota TIPP ini.") % {"nama": orang.nama})
    if anggota is not None:
        klaim(anggota, versi)
    anggota = anggota or AnggotaTIPP(tipp=tipp)
    anggota.orang = orang
    anggota.asal = asal
    anggota.peran = peran
    anggota.mulai = mulai
    anggota.selesai = selesai
    anggota.full_clean()
    anggota.save()
    return anggota


@transaction.atomic
def hapus_anggota(anggota: AnggotaTIPP, versi: int | None) -> None:
    """Remove a member entered by mistake, from the version the page showed; once the TIPP is
    confirmed its members stay (their term is ended instead)."""
    tipp = TIPP.objects.select_for_update().get(pk=anggota.tipp_id)
    if tipp.dikukuhkan:
        raise ValidationError(_("TIPP sudah dikukuhkan; ubah masa tugas anggota alih-alih menghapusnya."))
    konflik.hapus(anggota, versi)


@transaction.atomic
def kukuhkan_tipp(tipp: TIPP, *, tanggal: datetime.date, oleh_bkm: str, oleh_lurah: str, nomor_sk: str = "") -> TIPP:
    """Record the confirmation by the BKM and the Lurah/Kepala Desa: only once the five steps
    are done and the team has members."""
    tipp = TIPP.objects.select_for_update().get(pk=tipp.pk)
    steps = list(tipp.langkah.all())
    open_steps = [s.nomor for s in steps if not s.is_done]
    if open_steps or len(steps) < JUMLAH_LANGKAH:
        raise ValidationError(
            _("TIPP belum dapat dikukuhkan: langkah %(n)s belum selesai.")
            % {"n": ", ".join(str(n) for n in open_steps)}
        )
    last = max(s.selesai for s in steps)
    if tanggal < last:
        raise ValidationError(_("Tanggal pengukuhan tidak boleh sebelum langkah terakhir selesai."))
    if not tipp.anggota.exists():
        raise ValidationError(_("Catat dulu anggota TIPP sebelum pengukuhan."))
    if not oleh_bkm.strip() or not oleh_lurah.strip():
        raise ValidationError(_("Pengukuhan harus oleh BKM dan Lurah/Kepala Desa."))
    tipp.dikukuhkan = tanggal
    tipp.dikukuhkan_bkm = oleh_bkm.strip()
    tipp.dikukuhkan_lurah = oleh_lurah.strip()
    tipp.nomor_sk = nomor_sk.strip()
    tipp.save()
    return tipp


# ---------------------------------------------------------------------------------------
# Work plan
# ---------------------------------------------------------------------------------------


PLANNED_FIELDS = ["tahap", "urutan", "nama", "mulai", "durasi", "volume", "satuan", "penanggung_jawab"]


def rencana_untuk(wilayah: Wilayah) -> RencanaKerja:
    rencana, _created = RencanaKerja.objects.get_or_create(wilayah=wilayah)
    return rencana


def periksa_batas_waktu(wilayah, selesai: datetime.date, batas: datetime.date | None = None) -> None:
    """Refuse an activity that ends after the BLM usage deadline of the kelurahan."""
    batas = batas if batas is not None else batas_waktu_pemanfaatan(wilayah)
    if batas is not None and selesai > batas:
        raise ValidationError(
            _("Kegiatan berakhir %(akhir)s, sesudah batas waktu pemanfaatan BLM (%(batas)s).")
            % {"akhir": selesai.strftime("%d-%m-%Y"), "batas": batas.strftime("%d-%m-%Y")}
        )


def _ubah_versi_rencana(rencana_id: int) -> None:
    """Any change to the plan's activities moves the plan's version (approval checks it)."""
    klaim_versi(RencanaKerja, rencana_id, None)
    RencanaKerja.objects.get(pk=rencana_id).save(update_fields=["versi"])


@transaction.atomic
def simpan_kegiatan(kegiatan: Kegiatan, versi: int | None = None) -> Kegiatan:
    """Save planned values of an activity (new or changed). The baseline is never touched here.
    `versi` is the activity's version the form was shown with: a stale one raises KonflikVersi."""
    kegiatan.full_clean(exclude=["rencana"])
    periksa_batas_waktu(kegiatan.rencana.wilayah_id, kegiatan.selesai)
    if kegiatan.pk is None:
        if not kegiatan.urutan:
            last = kegiatan.rencana.kegiatan.order_by("-urutan").values_list("urutan", flat=True).first()
            kegiatan.urutan = (last or 0) + 1
        kegiatan.save()
    else:  # planned values only: a stale object must never overwrite the baseline or the actuals
        kegiatan.versi = klaim_versi(Kegiatan, kegiatan.pk, versi)
        kegiatan.save(update_fields=[*PLANNED_FIELDS, "versi"])
    _ubah_versi_rencana(kegiatan.rencana_id)
    return kegiatan


@transaction.atomic
def hapus_kegiatan(kegiatan: Kegiatan, versi: int | None = None) -> None:
    rencana = RencanaKerja.objects.select_for_update().get(pk=kegiatan.rencana_id)
    if rencana.is_approved:
        raise ValidationError(_("Rencana kerja sudah disetujui; kegiatan tidak dapat dihapus."))
    klaim_versi(Kegiatan, kegiatan.pk, versi)
    kegiatan.delete()
    _ubah_versi_rencana(rencana.pk)


def perubahan_rencana_sejak(rencana: RencanaKerja, versi: int) -> list[str]:
    """What happened to the plan's activities after it was at `versi`, one line each."""
    dasar = rencana.history.filter(versi__lte=versi).order_by("-history_date").values_list("history_date", flat=True)
    records = Kegiatan.history.filter(rencana_id=rencana.pk).select_related("history_user")
    if (sejak := dasar.first()) is not None:
        records = records.filter(history_date__gt=sejak)
    lines = []
    for r in records.order_by("history_date", "history_id")[:20]:
        oleh = (r.history_user.get_full_name() or r.history_user.username) if r.history_user else "–"
        lines.append(f"{r.nama}: {ACTIONS.get(r.history_type, r.history_type)} ({oleh})")
    return lines


@transaction.atomic
def setujui_rencana(rencana: RencanaKerja, *, pada: datetime.date, user=None, versi: int | None = None) -> RencanaKerja:
    """Approve the plan of a formed TIPP: check every activity against the BLM deadline, then
    copy the planned values of each activity into its baseline, which stays frozen afterwards."""
    rencana = RencanaKerja.objects.select_for_update().get(pk=rencana.pk)
    if rencana.is_approved:
        raise ValidationError(_("Rencana kerja ini sudah disetujui."))
    if versi is not None and versi != rencana.versi:
        raise ValidationError(
            _(
                "Rencana kerja sudah diubah sejak halaman Anda dibuka; belum disetujui. "
                "Periksa perubahan berikut lalu setujui lagi: %(daftar)s."
            )
            % {"daftar": "; ".join(perubahan_rencana_sejak(rencana, versi)) or "–"}
        )
    if not tipp_terbentuk(rencana.wilayah_id):
        raise ValidationError(
            _("Rencana kerja baru dapat disetujui setelah TIPP terbentuk: kelima langkah selesai dan TIPP dikukuhkan.")
        )
    kegiatan = list(rencana.kegiatan.all())
    if not kegiatan:
        raise ValidationError(_("Rencana kerja belum berisi kegiatan."))
    batas = batas_waktu_pemanfaatan(rencana.wilayah_id)
    if batas is not None:
        late = [k for k in kegiatan if k.selesai > batas]
        if late:
            raise ValidationError(
                _("Kegiatan berikut berakhir sesudah batas waktu pemanfaatan BLM (%(batas)s): %(daftar)s.")
                % {"batas": batas.strftime("%d-%m-%Y"), "daftar": "; ".join(k.nama for k in late)}
            )
    for k in kegiatan:
        k.baseline_mulai, k.baseline_durasi, k.baseline_volume = k.mulai, k.durasi, k.volume
    bulk_update_with_history(
        kegiatan,
        Kegiatan,
        ["baseline_mulai", "baseline_durasi", "baseline_volume"],
        default_user=user if getattr(user, "is_authenticated", False) else None,
        default_change_reason="baseline",
    )
    rencana.disetujui = pada
    rencana.disetujui_oleh = user if getattr(user, "is_authenticated", False) else None
    rencana.versi += 1
    rencana.save(update_fields=["disetujui", "disetujui_oleh", "versi"])
    return rencana


@transaction.atomic
def laporkan_progres(
    kegiatan: Kegiatan,
    *,
    tanggal: datetime.date,
    persen: int,
    mulai_aktual: datetime.date | None = None,
    selesai_aktual: datetime.date | None = None,
    catatan: str = "",
    user=None,
) -> ProgresKegiatan:
    """Record the actual state of an activity on a date (only once the plan is approved)."""
    kegiatan = Kegiatan.objects.select_for_update().select_related("rencana").get(pk=kegiatan.pk)
    if not kegiatan.rencana.is_approved:
        raise ValidationError(_("Progres dicatat sesudah rencana kerja disetujui."))
    if not 0 <= persen <= 100:
        raise ValidationError(_("Progres harus antara 0 dan 100%."))
    if mulai_aktual is None:
        mulai_aktual = kegiatan.mulai_aktual
        # progress reported (possibly late) for a day before the recorded start moves the start back
        if persen > 0 and (mulai_aktual is None or mulai_aktual > tanggal):
            mulai_aktual = tanggal
    selesai_aktual = selesai_aktual or kegiatan.selesai_aktual
    if persen == 100 and selesai_aktual is None:
        selesai_aktual = tanggal
    if persen < 100 and selesai_aktual is not None:
        raise ValidationError(_("Kegiatan yang sudah selesai harus berprogres 100%."))
    if mulai_aktual and mulai_aktual > tanggal:
        raise ValidationError(_("Tanggal mulai aktual tidak boleh sesudah tanggal laporan."))
    if selesai_aktual and selesai_aktual > tanggal:
        raise ValidationError(_("Tanggal selesai aktual tidak boleh sesudah tanggal laporan."))
    if mulai_aktual and selesai_aktual and selesai_aktual < mulai_aktual:
        raise ValidationError(_("Tanggal selesai aktual tidak boleh sebelum tanggal mulai aktual."))
    kegiatan.mulai_aktual, kegiatan.selesai_aktual = mulai_aktual, selesai_aktual
    latest = kegiatan.laporan.order_by("-tanggal", "-pk").first()
    if latest is None or tanggal >= latest.tanggal:
        kegiatan.progres = persen
    kegiatan.save(update_fields=["mulai_aktual", "selesai_aktual", "progres"])
    return ProgresKegiatan.objects.create(
        kegiatan=kegiatan,
        tanggal=tanggal,
        persen=persen,
        catatan=catatan,
        dilaporkan_oleh=user if getattr(user, "is_authenticated", False) else None,
    )


@transaction.atomic
def tambah_bukti(langkah: LangkahTIPP, user, jenis: str, upload, keterangan: str = "") -> BuktiLangkah:
    """Evidence of a step; the upload is checked and stored under a random name (kelurahan.Berkas)."""
    return BuktiLangkah.objects.create(
        langkah=langkah, jenis=jenis, keterangan=keterangan, berkas=simpan_berkas(upload, user)
    )
