"""Region pages: an index of the user's regions and a page per region that drills down
from a province to a kelurahan (children with counts, bodies and people, meetings)."""

import re

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils import timezone
from django.views.generic import TemplateView

from plpbk.common.filters import teks

from .. import access
from ..mixins import PortalMixin, RegionMixin
from ..models import Jabatan, Lembaga, LokasiProgram, Orang, Pertemuan, ProfilKelurahan, Tingkat, Wilayah
from ..querysets import PertemuanQuerySet

CHILDREN_PER_PAGE = 100
#: the start of a region code (digits and dots): suggestions by code instead of by name
KODE_AWAL = re.compile(r"^\d[\d.]*$")


def bagian_aplikasi(user, wilayah) -> list[dict]:
    """The apps' sections of a region page, in INSTALLED_APPS order: every app whose config
    has `bagian_wilayah(user, wilayah)` gives its template and data ({"template", "data"}), or
    None when it has nothing to show there."""
    sections = []
    for config in apps.get_app_configs():
        bagian = getattr(config, "bagian_wilayah", None)
        if bagian is not None and (section := bagian(user, wilayah)) is not None:
            sections.append(section)
    return sections


class WilayahIndexView(PortalMixin, TemplateView):
    template_name = "kelurahan/wilayah_index.html"

    def get_context_data(self, **kwargs):
        regions = access.home_regions(self.request.user)
        if regions is None:
            regions = list(Wilayah.objects.filter(tingkat=Tingkat.PROVINSI))
        kwargs["regions"] = regions
        return super().get_context_data(**kwargs)


class WilayahDetailView(RegionMixin, TemplateView):
    template_name = "kelurahan/wilayah_detail.html"

    def get_context_data(self, **kwargs):
        user, wilayah = self.request.user, self.wilayah
        kwargs["jalur"] = access.jalur(user, wilayah)
        if not wilayah.is_kelurahan:
            kwargs.update(self.children_context(wilayah))
        lembaga = (
            Lembaga.objects.for_user(user)
            .filter(wilayah=wilayah)
            .prefetch_related(Prefetch("jabatan", queryset=Jabatan.objects.select_related("orang").order_by("-mulai")))
        )
        kwargs["lembaga"] = lembaga
        kwargs["pertemuan"] = Pertemuan.objects.for_user(user).in_region(wilayah).select_related("wilayah")[:10]
        if wilayah.is_kelurahan:
            meetings = Pertemuan.objects.for_user(user).in_region(wilayah)
            kwargs["pertemuan_total"] = meetings.totals()
            kwargs["menunggu_verifikasi"] = meetings.menunggu_verifikasi().count()
            kwargs["lokasi"] = LokasiProgram.objects.for_user(user).filter(wilayah=wilayah).first()
            people = Orang.objects.for_user(user).filter(wilayah=wilayah).search(teks(self.request.GET, "q"))
            kwargs["orang_page"] = Paginator(people, 50).get_page(self.request.GET.get("hal_orang"))
            kwargs.update(self.profil_context(wilayah, kwargs["lokasi"]))
        kwargs["lihat_data_pribadi"] = access.has_cap(user, "data_pribadi", wilayah)
        kwargs["bagian_aplikasi"] = bagian_aplikasi(user, wilayah)
        return super().get_context_data(**kwargs)

    def profil_context(self, wilayah, lokasi):
        """The kelurahan profile by year (newest first) and the year a new one is entered for."""
        user = self.request.user
        profil = list(ProfilKelurahan.objects.for_user(user).filter(wilayah=wilayah).order_by("-tahun")[:6])
        tahun = {p.tahun for p in profil}
        tahun_isi = next(
            (t for t in (lokasi.tahun if lokasi else None, timezone.localdate().year) if t and t not in tahun), None
        )
        return {
            "profil": profil,
            "profil_tahun_baru": tahun_isi,
            "boleh_profil": access.has_cap(user, "profil.entry", wilayah),
        }

    def children_context(self, wilayah):
        """The children with their counts: kelurahan from the count kept on each region,
        programme locations and meetings in one grouped query each; the meetings' query also
        gives the region's totals and its meetings waiting for verification."""
        children = Wilayah.objects.for_user(self.request.user).children_of(wilayah)
        page = Paginator(children, CHILDREN_PER_PAGE).get_page(self.request.GET.get("hal"))
        program = LokasiProgram.objects.count_by_child(wilayah)
        per_child = Pertemuan.objects.for_user(self.request.user).totals_by_child(wilayah)
        totals = dict.fromkeys((*PertemuanQuerySet.TOTALS, "menunggu"), 0)
        for row in per_child.values():
            for key in totals:
                totals[key] += row[key]
        rows = [
            (
                child,
                child.jumlah_kelurahan,
                program.get(child.kode, 0),
                per_child.get(child.kode, {}).get("pertemuan", 0),
            )
            for child in page
        ]
        return {
            "children_page": page,
            "children": rows,
            "menunggu_verifikasi": totals.pop("menunggu"),
            "pertemuan_total": totals,
        }


class WilayahCariView(PortalMixin, TemplateView):
    """Suggestions for a region field (a `<datalist>` filled by htmx as the user types): regions
    in the user's scope whose code starts with, or whose name contains, the typed text."""

    template_name = "kelurahan/_wilayah_saran.html"
    limit = 20

    def get_context_data(self, **kwargs):
        text = teks(self.request.GET, "q", 100) or teks(self.request.GET, "wilayah", 100)
        regions = []
        if len(text) >= 2:
            qs = Wilayah.objects.for_user(self.request.user).select_related("induk")
            qs = qs.filter(kode__startswith=text) if KODE_AWAL.match(text) else qs.filter(nama__icontains=text)
            regions = list(qs.order_by("tingkat", "kode")[: self.limit])
        kwargs["regions"] = regions
        return super().get_context_data(**kwargs)
