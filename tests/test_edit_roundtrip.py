"""Every edit form round-trips: opened on a demo record and posted back exactly as the page
shows it, it saves and changes nothing in the record or the rows around it (the URL list
comes from the URL map, see tests/edit_forms.py)."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests import edit_forms
from tests.formulir import edit_form

EDIT = sorted(edit_forms.RESEP)


def test_every_form_page_is_sorted():
    pages = set(edit_forms.form_pages())
    unsorted = pages - set(edit_forms.RESEP) - set(edit_forms.NOT_EDIT)
    assert not unsorted, f"form pages neither edit (with a recipe) nor listed in NOT_EDIT: {sorted(unsorted)}"
    named_edit = edit_forms.edit_names(pages)
    assert named_edit - set(edit_forms.RESEP) == set(), "an edit URL without a recipe"
    assert set(edit_forms.RESEP) <= pages, "a recipe for a URL that is not a form page"
    assert not set(edit_forms.RESEP) & set(edit_forms.NOT_EDIT)


def errors_in(html: str) -> str:
    found = re.findall(r'class="(?:invalid-feedback|alert[^"]*|errorlist[^"]*)"[^>]*>(.*?)</', html, re.S)
    return " | ".join(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", e)).strip() for e in found if e.strip())


@pytest.mark.django_db
@pytest.mark.parametrize("name", EDIT)
def test_edit_form_round_trips_unchanged(name, users, settings, tmp_path):
    edit_forms.load_demo(settings, tmp_path)
    kwargs, obj = edit_forms.RESEP[name].find()
    assert obj is not None, f"{name}: the demo has no record for the recipe"
    who = edit_forms.users_for(name)[0]
    client = Client()
    client.force_login(users[who])
    url = reverse(name, kwargs=kwargs or None)
    before = edit_forms.snapshot(obj)

    page = client.get(url)
    assert page.status_code == 200
    form = edit_form(page.content.decode(), url)
    response = client.post(url, form.data())

    assert response.status_code == 302, f"{name} as {who}: not saved: {errors_in(response.content.decode())}"
    after = edit_forms.snapshot(obj)
    changed = {
        key: {f: (v, after.get(key, {}).get(f)) for f, v in row.items() if after.get(key, {}).get(f) != v}
        for key, row in before.items()
        if after.get(key) != row
    }
    assert not changed, f"{name}: saving the unchanged form changed {changed}"
    assert set(after) == set(before), f"{name}: rows added {set(after) - set(before)}"


def _login(users, who):
    client = Client()
    client.force_login(users[who])
    return client


def _changed(form, field, who):
    """The form's data with `field` changed by A or B: a number moves up by 1 or 2, a text
    gets "(A)" or "(B)" appended."""
    data = form.data()
    value = data[field]
    if re.fullmatch(r"\d+(\.\d+)?", value):
        data[field] = str(Decimal(value) + (1 if who == "A" else 2))
    else:
        data[field] = f"{value} ({who})".strip()
    return data


CONFLICT = "sudah diubah orang lain"


@pytest.mark.django_db
@pytest.mark.parametrize("name", EDIT)
def test_stale_edit_is_refused_and_the_first_save_stays(name, users, settings, tmp_path):
    """A and B open the same edit page; A saves a change; B saves from his older copy and
    gets the form back with who changed what, and A's change stays. A post without a
    version is refused the same way."""
    edit_forms.load_demo(settings, tmp_path)
    kwargs, obj = edit_forms.RESEP[name].find()
    allowed = edit_forms.users_for(name)
    a, b = _login(users, allowed[0]), _login(users, allowed[min(1, len(allowed) - 1)])
    url = reverse(name, kwargs=kwargs or None)
    form_a = edit_form(a.get(url).content.decode(), url)
    form_b = edit_form(b.get(url).content.decode(), url)
    assert "versi" in form_a.names(), f"{name}: the form carries no version"
    field = edit_forms.RESEP[name].ubah or form_a.first_text()

    response = a.post(url, _changed(form_a, field, "A"))
    assert response.status_code == 302, f"{name}: A not saved: {errors_in(response.content.decode())}"
    saved = edit_forms.snapshot(obj)

    response = b.post(url, _changed(form_b, field, "B"))
    html = response.content.decode()
    assert response.status_code in (200, 409), f"{name}: B's stale save answered {response.status_code}"
    assert CONFLICT in html, f"{name}: no conflict message: {errors_in(html)}"
    assert edit_forms.snapshot(obj) == saved, f"{name}: B's stale save changed the record"
    # B's typed value is still on the re-shown form, with the current version
    again = edit_form(html, url)
    assert again.data()[field] == _changed(form_b, field, "B")[field]
    assert again.data()["versi"] != form_b.data()["versi"]

    fresh = edit_form(b.get(url).content.decode(), url).data()
    for versi in (None, "12abc"):  # no version, a mangled one
        data = {k: v for k, v in fresh.items() if k != "versi"} | ({"versi": versi} if versi else {})
        response = b.post(url, data)
        assert response.status_code in (200, 409) and CONFLICT in response.content.decode(), f"{name}: {versi}"
        assert edit_forms.snapshot(obj) == saved


@pytest.mark.django_db
def test_a_meeting_shared_by_lokakarya_and_rembug_is_not_overwritten_from_the_other_page(users, settings, tmp_path):
    """The demo's desa lokakarya of 16 Mei 2012 was also the rembug warga: A opens the
    rembug page, B changes the place on the lokakarya page; A's older copy is refused."""
    edit_forms.load_demo(settings, tmp_path)
    _, rembug = edit_forms.RESEP["sosialisasi:rembug_ubah"].find()
    _, lokakarya = edit_forms.RESEP["lokakarya:ubah"].find()
    assert rembug.pertemuan_id == lokakarya.pertemuan_id
    a, b = _login(users, "fasilitator"), _login(users, "korkot")
    rembug_url = reverse("sosialisasi:rembug_ubah", args=[rembug.pk])
    lokakarya_url = reverse("lokakarya:ubah", args=[lokakarya.pk])
    form_a = edit_form(a.get(rembug_url).content.decode(), rembug_url)
    form_b = edit_form(b.get(lokakarya_url).content.decode(), lokakarya_url)

    assert b.post(lokakarya_url, _changed(form_b, "tempat", "B")).status_code == 302
    response = a.post(rembug_url, _changed(form_a, "agenda", "A"))

    assert response.status_code == 200 and CONFLICT in response.content.decode()
    rembug.refresh_from_db()
    assert rembug.pertemuan.tempat.endswith("(B)") and not rembug.agenda.endswith("(A)")
