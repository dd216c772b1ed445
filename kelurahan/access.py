"""Who may see and do what: the one place that decides.

A user holds one or more `Akses` (a role in a region). A role grants capabilities; a
capability counts on an object only when one of the user's regions contains the
object's region. Query sets narrow with `scope_q`; views use `require` (403) after
fetching through `for_user` (404 outside scope).

Some capabilities are national (`NATIONAL`): settings for the whole country, held only
through an Akses without a region. `is_national_admin` and `may_grant` are the rules the
admin uses for accounts and grants.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q

ADMIN = "admin"
SATKER = "satker"
PEMDA = "pemda"
KMW = "kmw"
KORKOT = "korkot"
PPK = "ppk"
PJOK = "pjok"
FASILITATOR = "fasilitator"
BKM = "bkm"
ALL_ROLES = frozenset({ADMIN, SATKER, PEMDA, KMW, KORKOT, PPK, PJOK, FASILITATOR, BKM})

#: capability -> roles that hold it. Apps add their own rows here, nowhere else.
#: KMW (the provincial consultant) works like the Korkot across its province (people and
#: bodies, meetings, workshops, sosialisasi, TIPP and its work plan approval) but holds no
#: step of the BLM chain and accepts no LPJ: those are the Korkot/Askot's. The TKPP (the
#: Pemda's team) keeps the stored code "pemda".
CAPABILITIES: dict[str, frozenset[str]] = {
    "view": ALL_ROLES,
    "print": ALL_ROLES,
    "admin": frozenset({ADMIN}),
    # national settings and accounts: an administrator with a national scope only
    "admin.nasional": frozenset({ADMIN}),
    # people and bodies of a region
    "pelaku.manage": frozenset({ADMIN, KMW, KORKOT, FASILITATOR}),
    # meetings and their attendance (lokakarya, sosialisasi, TIPP meetings)
    "pertemuan.entry": frozenset({ADMIN, KMW, SATKER, KORKOT, PJOK, FASILITATOR}),
    # the meeting record lifecycle: the facilitator closes it, PJOK/Korkot (KMW for its
    # province, an administrator) acknowledge/verify it and may reopen it with a reason
    "pertemuan.close": frozenset({ADMIN, KMW, KORKOT, PJOK, FASILITATOR}),
    "pertemuan.verify": frozenset({ADMIN, KMW, KORKOT, PJOK}),
    # personal data: disability and poverty status of named people
    "data_pribadi": frozenset({ADMIN, KMW, SATKER, KORKOT, PJOK, FASILITATOR, BKM}),
    "lokakarya.entry": frozenset({ADMIN, KMW, SATKER, KORKOT, PJOK, FASILITATOR}),
    "sosialisasi.entry": frozenset({ADMIN, KMW, KORKOT, FASILITATOR}),
    "tipp.entry": frozenset({ADMIN, KMW, KORKOT, FASILITATOR}),
    "tipp.approve": frozenset({ADMIN, KMW, KORKOT}),
    # the kelurahan profile of a programme year (population, households, RT/RW counts)
    "profil.entry": frozenset({ADMIN, FASILITATOR, BKM}),
    # RPLP/RTPLP and Aturan Bersama: written and sent to review by the facilitator/BKM, reviewed
    # and made final by the Korkot/KMW, legalised (with the Lurah's decree) by the BKM
    "tipp.dokumen.entry": frozenset({ADMIN, FASILITATOR, BKM}),
    "tipp.dokumen.review": frozenset({ADMIN, KMW, KORKOT}),
    "tipp.dokumen.sahkan": frozenset({ADMIN, BKM}),
    "blm.configure": frozenset({ADMIN}),
    "blm.allocate": frozenset({ADMIN, SATKER, PPK}),
    "blm.request": frozenset({BKM, FASILITATOR}),
    "blm.verify.fasilitator": frozenset({FASILITATOR}),
    "blm.verify.pjok": frozenset({PJOK}),
    "blm.verify.korkot": frozenset({KORKOT}),
    "blm.verify.ppk": frozenset({PPK}),
    "blm.verify.satker": frozenset({SATKER}),
    "blm.pay": frozenset({SATKER, PPK}),
    "blm.lpj.entry": frozenset({BKM, FASILITATOR}),
    "blm.lpj.accept": frozenset({KORKOT}),
    # after BLM reaches the BKM: the BKM board registers KSM, enters their proposals, passes
    # money to them and hands finished works over; the Fasilitator verifies proposals and
    # inspects finished works; either reports physical progress
    "ksm.entry": frozenset({BKM}),
    "ksm.verify": frozenset({FASILITATOR}),
    "ksm.progres": frozenset({BKM, FASILITATOR}),
    "dashboard": ALL_ROLES,
}

#: capabilities of national administrators only (`is_national_admin`): an admin Akses without a region
NATIONAL = frozenset({"admin.nasional", "blm.configure"})


@dataclass(frozen=True)
class Scope:
    peran: str
    kode: str | None  # None: the whole country

    def contains(self, kode: str | None) -> bool:
        if self.kode is None:
            return True
        if kode is None:
            return False
        return kode == self.kode or kode.startswith(self.kode + ".")


def akses_list(user) -> list:
    """The user's Akses rows with their regions, loaded once per user object (one query)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_plpbk_akses", None)
    if cached is None:
        from .models import Akses

        cached = list(Akses.objects.filter(user=user).select_related("wilayah"))
        user._plpbk_akses = cached
    return cached


def scopes(user) -> list[Scope]:
    return [Scope(a.peran, a.wilayah_id) for a in akses_list(user)]


def region_codes(user) -> list[str] | None:
    """Codes of the regions the user may see; None when the user sees the whole country."""
    codes = set()
    for scope in scopes(user):
        if scope.kode is None:
            return None
        codes.add(scope.kode)
    # drop a region already inside another of the user's regions
    return sorted(k for k in codes if not any(k != o and k.startswith(o + ".") for o in codes))


def region_q(field: str, kode: str | None) -> Q:
    """A filter that keeps rows whose region code (at `field`) is `kode` or below it (a prefix
    on the code); None: the whole country."""
    if kode is None:
        return Q()
    return Q(**{field: kode}) | Q(**{f"{field}__startswith": kode + "."})


def scope_q(user, field: str) -> Q:
    """A filter that keeps rows whose region code (at `field`) is inside the user's regions."""
    codes = region_codes(user)
    if codes is None:
        return Q()
    if not codes:
        return Q(pk__in=[])
    q = Q()
    for kode in codes:
        q |= region_q(field, kode)
    return q


def can_see(user, kode: str | None) -> bool:
    return any(scope.contains(kode) for scope in scopes(user))


def jalur(user, wilayah) -> list:
    """The breadcrumb path of `wilayah` (None: none): [(region, whether the user may open it)],
    top first. Ancestors above the user's regions are shown as text, not links."""
    return [(w, can_see(user, w.kode)) for w in wilayah.jalur()] if wilayah is not None else []


def has_cap(user, capability: str, wilayah=None) -> bool:
    """Whether the user holds `capability` on something located in `wilayah` (a Wilayah, a
    code, or None for "somewhere in the user's regions")."""
    roles = CAPABILITIES.get(capability)
    if roles is None:
        raise KeyError(f"unknown capability {capability!r}")
    if capability in NATIONAL:
        return is_national_admin(user)
    kode = getattr(wilayah, "kode", wilayah)
    return any(scope.peran in roles and (wilayah is None or scope.contains(kode)) for scope in scopes(user))


def peran_dengan(user, capability: str, wilayah=None, utamakan: tuple[str, ...] = ()) -> str:
    """The role in which the user holds `capability` on `wilayah` ("" when none); roles in
    `utamakan` come first when the user holds several."""
    kode = getattr(wilayah, "kode", wilayah)
    roles = CAPABILITIES[capability]
    found = [s.peran for s in scopes(user) if s.peran in roles and (wilayah is None or s.contains(kode))]
    found.sort(key=lambda p: utamakan.index(p) if p in utamakan else len(utamakan))
    return found[0] if found else ""


def is_national_admin(user) -> bool:
    """An administrator of the whole country: national settings, accounts, admin grants. The
    one definition: an admin Akses without a region (every `NATIONAL` capability reads it)."""
    return any(scope.peran == ADMIN and scope.kode is None for scope in scopes(user))


def may_administer(user, kode: str | None) -> bool:
    """Whether the user administers a record located at region `kode`; a record without a
    region (a national body, a national setting) is for national administrators only."""
    if kode is None:
        return is_national_admin(user)
    return has_cap(user, "admin", kode)


def may_grant(user, peran: str, kode: str | None) -> bool:
    """Whether the user may give (or take back) the role `peran` in region `kode` (None:
    national). Only a national administrator grants the admin role or a national scope; an
    administrator of a region grants other roles inside that region."""
    if is_national_admin(user):
        return True
    return peran != ADMIN and kode is not None and has_cap(user, "admin", kode)


def require(user, capability: str, wilayah=None) -> None:
    if not has_cap(user, capability, wilayah):
        raise PermissionDenied


def roles(user) -> set[str]:
    return {scope.peran for scope in scopes(user)}


def users_for(user):
    """The accounts an administrator may pick when granting access: everyone for a national
    administrator; otherwise users (not superusers) holding at least one Akses, all of them
    inside the administrator's regions."""
    from django.contrib.auth import get_user_model

    from .models import Akses

    users = get_user_model().objects.all()
    if is_national_admin(user):
        return users
    inside = Akses.objects.filter(scope_q(user, "wilayah__kode")).values("pk")
    outside = Akses.objects.exclude(pk__in=inside).values("pk")
    return users.filter(is_superuser=False, akses__in=inside).exclude(akses__in=outside).distinct()


def home_regions(user):
    """The top regions of the user's scope (for the navbar and the region index)."""
    from .models import Wilayah

    codes = region_codes(user)
    if codes is None:
        return None
    return list(Wilayah.objects.filter(kode__in=codes))
