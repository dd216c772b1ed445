"""Time of `import_wilayah` for the whole official list (83,762 desa) on PostgreSQL:
a first load into an empty table, then a second run that changes nothing.
Target: the first load within 30 s."""

import time

from _setup import setup

url = setup()

from django.db import connection  # noqa: E402

from kelurahan.models import Wilayah  # noqa: E402
from kelurahan.wilayah_import import import_wilayah  # noqa: E402

if Wilayah.objects.exists():
    with connection.cursor() as cur:
        cur.execute("TRUNCATE kelurahan_wilayah CASCADE")

start = time.perf_counter()
first = import_wilayah()
first_s = time.perf_counter() - start
start = time.perf_counter()
again = import_wilayah()
again_s = time.perf_counter() - start

print(f"database: {connection.vendor} ({url.rsplit('@', 1)[-1]})")
print(
    f"first load: {first.created} regions ({first.per_level.get(4, 0)} kelurahan/desa) in {first_s:.1f} s (target <= 30 s)"
)
print(f"second run: {again.created} new, {again.updated} renamed, {again.unchanged} unchanged in {again_s:.1f} s")
print("PASS" if first_s <= 30 else "OVER TARGET")
