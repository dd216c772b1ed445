"""One history page for every audited object: who changed what, when, before -> after.

Only models in `MODELS` are reachable; the object is fetched through its model's `for_user`
(404 outside the user's regions) and needs "view" there. Fields holding personal data
(disability, poverty status) are hidden from roles without "data_pribadi"."""

from django.apps import apps
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from .. import access
from ..mixins import PortalMixin

#: "app_label.model" of the objects that have a Riwayat page
MODELS = frozenset(
    {
        "kelurahan.lembaga",
        "kelurahan.orang",
        "kelurahan.pertemuan",
        "kelurahan.kehadiran",
        "kelurahan.akses",
        "kelurahan.lampiran",
        "kelurahan.profilkelurahan",
        "lokakarya.lokakarya",
        "lokakarya.narasumber",
        "sosialisasi.pengkondisian",
        "sosialisasi.pemangku",
        "sosialisasi.kegiataninformal",
        "sosialisasi.rembugwarga",
        "sosialisasi.peranpemda",
        "tipp.tipp",
        "tipp.langkahtipp",
        "tipp.buktilangkah",
        "tipp.anggotatipp",
        "tipp.pokja",
        "tipp.fgd",
        "tipp.pemilihan",
        "tipp.kandidat",
        "tipp.rencanakerja",
        "tipp.kegiatan",
        "tipp.dokumenperencanaan",
        "tipp.konsultasidokumen",
        "blm.alokasiblm",
        "blm.dokumenblm",
        "blm.permintaanblm",
        "blm.pembayaranblm",
        "blm.lpjblm",
        "blm.belanjalpj",
        "blm.ksm",
        "blm.anggotaksm",
        "blm.usulankegiatan",
        "blm.pencairanksm",
        "blm.laporanprogres",
        "blm.beritaacaraksm",
    }
)

#: field names that hold personal data wherever they appear
PRIBADI = frozenset({"disabilitas", "miskin"})

#: bookkeeping fields not worth a line
TEKNIS = frozenset({"versi"})

MAX_ROWS = 200

ACTIONS = {"+": _("Dibuat"), "~": _("Diubah"), "-": _("Dihapus")}


def model_for(app_label: str, model_name: str):
    label = f"{app_label}.{model_name}".lower()
    if label not in MODELS:
        raise Http404
    try:
        return apps.get_model(app_label, model_name)
    except LookupError as exc:
        raise Http404 from exc


def region_of(obj):
    kode = getattr(obj, "kode_wilayah", None)
    if kode is None:
        kode = getattr(obj, "wilayah_id", None)
    return kode


def _display(field, value, names=None):
    if value is None or value == "":
        return "–"
    if field is not None and field.is_relation and names is not None:
        return names.get((field.related_model, value), f"#{value}")
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("Ya") if value else _("Tidak"))
    return str(value)


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
                    diffs.append((_field(model, change.field), change.field, change.old, change.new))
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
                (f.verbose_name if f is not None else name, _display(f, old, names), _display(f, new, names))
                for f, name, old, new in diffs
            ],
        )
        for record, action, diffs in rows
    ]
    rows.reverse()
    return rows


def tracked(record) -> set[str]:
    """The editable tracked fields (what diff_against compares) less the bookkeeping ones."""
    return {f.name for f in record.tracked_fields if f.editable} - TEKNIS


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a field dropped since the record was written
        return None


class RiwayatView(PortalMixin, TemplateView):
    template_name = "kelurahan/riwayat.html"

    def authorize(self):
        user = self.request.user
        self.model = model_for(self.kwargs["app_label"], self.kwargs["model"])
        self.object = get_object_or_404(self.model._default_manager.for_user(user), pk=self.kwargs["pk"])
        self.kode = region_of(self.object)
        access.require(user, "view", self.kode)

    def get_context_data(self, **kwargs):
        user = self.request.user
        hidden = TEKNIS if access.has_cap(user, "data_pribadi", self.kode) else TEKNIS | PRIBADI
        records = list(
            self.object.history.select_related("history_user").order_by("-history_date", "-history_id")[:MAX_ROWS]
        )
        kwargs.update(
            object=self.object,
            verbose_name=self.model._meta.verbose_name,
            rows=changes(self.model, records, hidden),
            dipotong=len(records) == MAX_ROWS,
            kembali=(
                self.object.get_absolute_url()
                if hasattr(self.object, "get_absolute_url")
                else reverse("kelurahan:wilayah", args=[self.kode])
                if self.kode
                else None
            ),
        )
        return super().get_context_data(**kwargs)
