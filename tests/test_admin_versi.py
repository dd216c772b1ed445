"""The admin keeps the same guard: for every registered model that carries a version, the
change form (opened on a demo record) saves back unchanged, and a save from a stale copy or
without a version is refused with the conflict message and saves nothing."""

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse

from kelurahan.konflik import berversi
from tests import edit_forms
from tests.formulir import edit_form
from tests.test_edit_roundtrip import CONFLICT, _changed, errors_in

MODELS = sorted(
    (m for m in admin.site._registry if berversi(m) and m._meta.app_label != "auth"), key=lambda m: m._meta.label
)
#: which demo record each admin page opens (default: the first in Desa Cinunuk or the first)
PILIH = {"kelurahan.Wilayah": {"kode": edit_forms.CINUNUK}}


def _record(model):
    if model._meta.label == "sosialisasi.TargetInklusi":
        model.current().save()  # the demo keeps the default targets unsaved
    if model._meta.label == "blm.BeritaAcaraKSM":
        return edit_forms.RESEP["blm:berita_acara_ubah"].find()[1]  # the demo stops at 50 %
    if model._meta.label == "plpbk.AmbangPerhatian":
        model.objects.get_or_create(tahun_program=2012)  # the demo's year reads the default thresholds
    rows = model._default_manager.order_by("pk")
    if model._meta.label in PILIH:
        return rows.filter(**PILIH[model._meta.label]).first()
    names = {f.name for f in model._meta.get_fields()}
    for path in ("wilayah_id", "pertemuan__wilayah_id", "tipp__wilayah_id", "rencana__wilayah_id"):
        if path.split("__")[0].removesuffix("_id") in names:
            found = rows.filter(**{path: edit_forms.CINUNUK}).first()
            if found is not None:
                return found
    return rows.first()


def _editable(form, url):
    return [n for n, _ in form.fields if form.kinds.get(n) in ("text", "textarea") and "-" not in n]


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_admin_change_form_round_trips_and_refuses_a_stale_save(model, users, settings, tmp_path):
    edit_forms.load_demo(settings, tmp_path)
    obj = _record(model)
    assert obj is not None, f"{model._meta.label}: no demo record"
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    a, b = Client(), Client()
    a.force_login(users["admin"])
    b.force_login(users["admin"])
    before = edit_forms.snapshot(obj)
    request = RequestFactory().get(url)
    request.user = users["admin"]
    if not admin.site._registry[model].has_change_permission(request, obj):
        assert edit_form(a.get(url).content.decode(), url).names() == {"csrfmiddlewaretoken"}
        assert a.post(url, {}).status_code == 403  # read-only in the admin: nothing to guard
        return

    form_a = edit_form(a.get(url).content.decode(), url)
    form_b = edit_form(b.get(url).content.decode(), url)
    assert "versi" in form_a.names(), f"{model._meta.label}: the admin form carries no version"
    response = a.post(url, form_a.data())
    assert response.status_code == 302, f"{model._meta.label}: not saved: {errors_in(response.content.decode())}"
    assert edit_forms.snapshot(obj) == before, f"{model._meta.label}: saving unchanged changed the record"

    texts = _editable(form_b, url)
    data = _changed(form_b, texts[0], "B") if texts else form_b.data()
    response = b.post(url, data)
    assert response.status_code == 200 and CONFLICT in response.content.decode(), model._meta.label
    assert edit_forms.snapshot(obj) == before

    fresh = edit_form(b.get(url).content.decode(), url).data()
    del fresh["versi"]
    response = b.post(url, fresh)
    assert response.status_code == 200 and CONFLICT in response.content.decode(), model._meta.label
