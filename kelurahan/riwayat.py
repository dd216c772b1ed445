"""History formatting: which models have a Riwayat page, and how a change reads
(who changed what, when, before -> after). Used by the history view, the version-conflict
message (konflik.py) and services that tell what changed (tipp.services).

The audited models are found through the app registry: every model django-simple-history
tracks whose manager scopes by user (`for_user`), so an app's new audited model gets its
page without being listed here."""

from __future__ import annotations

import functools

from django.apps import apps
from django.utils.translation import gettext_lazy as _

#: field names that hold personal data wherever they appear
PRIBADI = frozenset({"disabilitas", "miskin"})

#: bookkeeping fields not worth a line
TEKNIS = frozenset({"versi"})

ACTIONS = {"+": _("Dibuat"), "~": _("Diubah"), "-": _("Dihapus")}


@functools.cache
def model_labels() -> frozenset[str]:
    """ "app_label.model" of the objects that have a Riwayat page: the models with history
    (simple_history's registry) whose rows are scoped by `for_user`."""
    from simple_history.models import registered_models

    wanted = set(registered_models.values())
    return frozenset(
        model._meta.label_lower
        for model in apps.get_models()
        if model in wanted and hasattr(model._default_manager.all(), "for_user")
    )


def region_of(obj):
    kode = getattr(obj, "kode_wilayah", None)
    if kode is None:
        kode = getattr(obj, "wilayah_id", None)
    return kode


def display(field, value, names=None) -> str:
    """How one stored value reads ("–" for empty, the choice label, Ya/Tidak, a related
    object's name from `names`)."""
    if value is None or value == "":
        return "–"
    if field is not None and field.is_relation and names is not None:
        return names.get((field.related_model, value), f"#{value}")
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("Ya") if value else _("Tidak"))
    return str(value)


def field_of(model, name):
    """The model's field `name`, or None when it was dropped since a record was written."""
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a field dropped since the record was written
        return None


def tracked(record) -> set[str]:
    """The editable tracked fields (what diff_against compares) less the bookkeeping ones."""
    return {f.name for f in record.tracked_fields if f.editable} - TEKNIS


def _names(raw) -> dict:
    """{(model, pk): text} for the related objects named in the changes: one query per model."""
    wanted: dict = {}
    for field, old, new in raw:
        if field is not None and field.is_relation and field.related_model is not None:
            wanted.setdefault(field.related_model, set()).update(v for v in (old, new) if v not in (None, ""))
    names = {}
    for model, pks in wanted.items():
        for pk, obj in model._default_manager.in_bulk(list(pks)).items():
            text = (obj.get_full_name() or obj.get_username()) if hasattr(obj, "get_username") else str(obj)
            names[(model, pk)] = text
    return names


def changes(model, records, hidden=frozenset()):
    """[(record, action, [(label, old, new)])] newest first, pairing records in Python
    (no query per record; related objects are named with one query per related model)."""
    ordered = sorted(records, key=lambda r: (r.history_date, r.history_id))
    rows = []
    previous = None
    for record in ordered:
        diffs = []
        if previous is not None:
            raw = record.diff_against(previous, included_fields=tracked(record)).changes
            if not raw and record.history_type == "~" and not record.history_change_reason:
                previous = record
                continue  # only bookkeeping moved (a plan's version when one of its activities changed)
            for change in raw:
                if change.field not in hidden:
                    diffs.append((field_of(model, change.field), change.field, change.old, change.new))
        elif record.history_type == "+":
            for field in model._meta.concrete_fields:
                if field.name in hidden or field.name == "id" or not field.editable:
                    continue
                value = getattr(record, field.attname, None)
                if value not in (None, "", False):
                    diffs.append((field, field.name, None, value))
        rows.append((record, ACTIONS.get(record.history_type, record.history_type), diffs))
        previous = record
    names = _names((f, old, new) for _r, _a, diffs in rows for f, _n, old, new in diffs)
    rows = [
        (
            record,
            action,
            [
                (f.verbose_name if f is not None else name, display(f, old, names), display(f, new, names))
                for f, name, old, new in diffs
            ],
        )
        for record, action, diffs in rows
    ]
    rows.reverse()
    return rows
