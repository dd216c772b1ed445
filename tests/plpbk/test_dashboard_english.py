"""The dashboard in English: the totals row, the charts and the timeline speak English."""

import pytest
from django.conf import settings
from django.urls import reverse

from plpbk.dasbor import ringkasan
from tests.plpbk import dashboard_data

pytestmark = pytest.mark.django_db


def test_english_dashboard_names_the_total_row_total(client_for, users):
    dashboard_data.build(users)
    ringkasan.proses_tanda()
    client = client_for("pemda")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("dashboard_region", args=["32.04"])).content.decode()
    assert "Total Kabupaten Bandung" in html
    assert "Meeting participants by sex" in html
    assert "Jumlah" not in html
    assert "menurut jenis kelamin" not in html

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    html = client.get(reverse("dashboard_region", args=["32.04"])).content.decode()
    assert "Jumlah Kabupaten Bandung" in html
