"""Every edit form round-trips: opened on a demo record and posted back exactly as the page
shows it, it saves and changes nothing in the record or the rows around it (the URL list
comes from the URL map, see tests/edit_forms.py)."""

import re

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
