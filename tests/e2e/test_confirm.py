"""portal.js asks before a form marked data-confirm is sent: dismissing keeps the data."""

import pytest

from sosialisasi.models import Pemangku
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e]


def test_a_delete_is_sent_only_after_the_user_confirms(demo, new_page):
    page = login(new_page(), "fasilitator")
    page.goto("/sosialisasi/wilayah/32.04.05.2004/pengkondisian/")
    before = Pemangku.objects.count()
    assert before > 0
    messages = []
    page.once("dialog", lambda d: (messages.append(d.message), d.dismiss()))
    page.get_by_role("button", name="hapus").first.click()
    page.wait_for_timeout(500)
    assert messages == ["Hapus pemangku ini dari peta?"]
    assert Pemangku.objects.count() == before
    page.once("dialog", lambda d: d.accept())
    with page.expect_navigation():
        page.get_by_role("button", name="hapus").first.click()
    assert Pemangku.objects.count() == before - 1
