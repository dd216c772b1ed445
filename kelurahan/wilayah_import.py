"""Import of the official region list (kode wilayah Kemendagri) shipped in kelurahan/data.

The files are read and checked whole before anything is written; the write is one
transaction of batched inserts and updates, so a bad file changes nothing and a second
run only updates names and adds new codes.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .models import Wilayah
from .signals import hitung_jumlah_kelurahan

DATA_DIR = Path(__file__).resolve().parent / "data" / "wilayah"
# file name, expected header, level, pattern of a code at that level
FILES = [
    ("provinces.csv", ["code", "name"], 1, re.compile(r"^\d{2}$")),
    ("regencies.csv", ["code", "province_code", "name"], 2, re.compile(r"^\d{2}\.\d{2}$")),
    ("districts.csv", ["code", "regency_code", "name"], 3, re.compile(r"^\d{2}\.\d{2}\.\d{2}$")),
    ("villages.csv", ["code", "district_code", "name"], 4, re.compile(r"^\d{2}\.\d{2}\.\d{2}\.[1-3]\d{3}$")),
]
BATCH = 5000
MAX_ERRORS = 20


class WilayahFileError(Exception):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    per_level: dict[int, int] = field(default_factory=dict)


def read_files(directory: Path = DATA_DIR, prefix: str | None = None) -> list[tuple[str, str, int, str | None]]:
    """All rows as (kode, nama, tingkat, induk), checked; raises WilayahFileError listing problems."""
    rows: list[tuple[str, str, int, str | None]] = []
    errors: list[str] = []
    known: set[str] = set()
    for name, header, level, pattern in FILES:
        path = Path(directory) / name
        if not path.is_file():
            errors.append(f"{name}: berkas tidak ditemukan di {directory}")
            continue
        try:
            with path.open(newline="", encoding="utf-8") as fh:
                reader = csv.reader(fh)
                got = next(reader, None)
                if got != header:
                    errors.append(f"{name}: kepala kolom harus {','.join(header)}, bukan {','.join(got or [])}")
                    continue
                for lineno, rec in enumerate(reader, start=2):
                    problem = _check(rec, header, pattern, level, known)
                    if problem:
                        errors.append(f"{name} baris {lineno}: {problem}")
                        if len(errors) >= MAX_ERRORS:
                            raise WilayahFileError(errors)
                        continue
                    kode = rec[0]
                    known.add(kode)
                    if prefix and not (
                        kode == prefix or kode.startswith(prefix + ".") or prefix.startswith(kode + ".")
                    ):
                        continue
                    rows.append((kode, rec[-1].strip(), level, rec[1] if level > 1 else None))
        except UnicodeDecodeError:
            errors.append(f"{name}: bukan teks UTF-8")
    if errors:
        raise WilayahFileError(errors)
    if not rows:
        raise WilayahFileError([f"tidak ada wilayah dengan kode {prefix}" if prefix else "berkas kosong"])
    return rows


def _check(rec: list[str], header: list[str], pattern, level: int, known: set[str]) -> str | None:
    if len(rec) != len(header):
        return f"harus {len(header)} kolom, ada {len(rec)}"
    kode, nama = rec[0], rec[-1].strip()
    if not pattern.match(kode):
        return f"kode {kode!r} tidak sesuai format tingkat {level}"
    if not nama or len(nama) > 100:
        return f"nama wilayah {kode} kosong atau terlalu panjang"
    if level > 1:
        parent = rec[1]
        if kode.rsplit(".", 1)[0] != parent:
            return f"kode {kode} tidak berada di bawah induk {parent}"
        if parent not in known:
            return f"induk {parent} dari {kode} tidak ada di berkas tingkat di atasnya"
    if kode in known:
        return f"kode {kode} muncul dua kali"
    return None


def import_wilayah(
    directory: Path = DATA_DIR,
    prefix: str | None = None,
    progress: Callable[[int, int, int], None] | None = None,
) -> ImportResult:
    rows = read_files(directory, prefix)
    result = ImportResult()
    existing = dict(Wilayah.objects.values_list("kode", "nama"))
    total = len(rows)
    done = 0
    with transaction.atomic():
        for level in (1, 2, 3, 4):
            level_rows = [r for r in rows if r[2] == level]
            result.per_level[level] = len(level_rows)
            new, changed = [], []
            for kode, nama, tingkat, induk in level_rows:
                if kode not in existing:
                    new.append(Wilayah(kode=kode, nama=nama, tingkat=tingkat, induk_id=induk))
                elif existing[kode] != nama:
                    changed.append(Wilayah(kode=kode, nama=nama, tingkat=tingkat, induk_id=induk))
                else:
                    result.unchanged += 1
            for start in range(0, len(new), BATCH):
                batch = new[start : start + BATCH]
                Wilayah.objects.bulk_create(batch)
                done += len(batch)
                if progress:
                    progress(level, done, total)
            if changed:
                Wilayah.objects.bulk_update(changed, ["nama"], batch_size=BATCH)
            done += len(changed) + (len(level_rows) - len(new) - len(changed))
            if progress:
                progress(level, done, total)
            result.created += len(new)
            result.updated += len(changed)
        if result.created:
            hitung_jumlah_kelurahan()
    return result
