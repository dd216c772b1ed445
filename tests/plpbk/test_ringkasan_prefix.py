"""The province total after a save reads the province's summary rows by the code prefix
(`LIKE '32.%'`, which an index serves), not by `SUBSTRING(code, 1, 2)` (a scan of the nation)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plpbk.dasbor import ringkasan
from plpbk.dasbor.models import RingkasanProvinsi

pytestmark = pytest.mark.django_db


def test_province_total_filters_the_summary_by_code_prefix(regions):
    ringkasan.proses_tanda()
    with CaptureQueriesContext(connection) as captured:
        ringkasan._ganti_provinsi(["32"])
    reads = [q["sql"] for q in captured.captured_queries if 'FROM "plpbk_ringkasan"' in q["sql"]]
    assert len(reads) == 1
    where = reads[0].split(" WHERE ", 1)[1]
    assert "LIKE '32.%'" in where
    assert "SUBSTR" not in where.upper()
    # and the totals are those of Jawa Barat only (two programme kelurahan there, one in Jawa Tengah)
    assert sum(RingkasanProvinsi.objects.filter(provinsi_id="32").values_list("lokasi", flat=True)) == 2
    assert sum(RingkasanProvinsi.objects.filter(provinsi_id="33").values_list("lokasi", flat=True)) == 1
