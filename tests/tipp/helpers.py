"""Shortcuts for tests that need a formed TIPP without walking its five steps."""

import datetime

from tipp.models import JUMLAH_LANGKAH, TIPP, LangkahTIPP


def tipp_terbentuk(wilayah, tanggal=datetime.date(2012, 6, 20)) -> TIPP:
    """A TIPP with its five steps done and confirmed, written directly (as loaded data)."""
    tipp, _ = TIPP.objects.get_or_create(wilayah_id=getattr(wilayah, "kode", wilayah))
    for nomor in range(1, JUMLAH_LANGKAH + 1):
        LangkahTIPP.objects.update_or_create(
            tipp=tipp, nomor=nomor, defaults={"selesai": tanggal - datetime.timedelta(days=JUMLAH_LANGKAH - nomor)}
        )
    tipp.dikukuhkan = tanggal
    tipp.save()
    return tipp


def bentuk_pokja(tipp, tanggal: datetime.date, nama="Pokja ND"):
    """A Pokja formed through the services: one FGD, then an election on `tanggal` with counted votes."""
    from kelurahan.services import BarisKehadiran, tambah_kehadiran
    from tipp import election

    pokja = election.buat_pokja(tipp, nama=nama)
    election.simpan_fgd(pokja, kbk="KBK RW 01", kriteria="Warga setempat", tanggal=tanggal - datetime.timedelta(days=2))
    pemilihan = election.simpan_pemilihan(
        pokja, tanggal=tanggal, tempat="Aula", kriteria="Warga setempat", kursi=1, kursi_perempuan_min=None
    )
    tambah_kehadiran(pemilihan.pertemuan, [BarisKehadiran(nama="Ade Kusnadi", jenis_kelamin="L", unsur="Warga")])
    election.tetapkan_pemilih(pemilihan, pemilihan.pertemuan.kehadiran.values_list("pk", flat=True))
    kandidat = election.tambah_kandidat(pemilihan, nama="Elis Nurhayati", jenis_kelamin="P", memenuhi_kriteria=True)
    election.catat_suara(pemilihan, {kandidat.pk: 1})
    return pokja
