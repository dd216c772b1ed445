"""Django admin for administrators, scoped like every other page: an administrator of a
province sees, saves and deletes only that province's rows, picks only its people, bodies,
regions and accounts, and grants only non-admin roles inside it. Records without a region
(national bodies) and national settings are for national administrators only.

The region of what is saved is checked in the admin form (old and new value), so a refused
save shows the form again with the reason and writes nothing."""

import copy

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.forms.models import construct_instance
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from . import access
from .konflik import VersiAdminMixin
from .models import Akses, Jabatan, Kehadiran, Lembaga, LokasiProgram, Orang, Pertemuan, ProfilKelurahan, Wilayah
from .sandi import WajibGantiSandiAdminMixin

OUTSIDE_CHOICE = gettext_lazy("Pilihan ini tidak ada atau berada di luar wilayah Anda; data tidak disimpan.")


def scope_field(model) -> str | None:
    """The lookup path from `model` to its region code (its query set's `scope_field`)."""
    return getattr(model._default_manager.all(), "scope_field", None)


def region_of(obj) -> str | None:
    """The region code of `obj` following its query set's `scope_field`; None when it has
    none (a national record)."""
    path = scope_field(type(obj))
    if path is None:
        return None
    parts = path.split("__")
    if len(parts) > 1 and parts[-1] == "kode":
        parts = [*parts[:-2], parts[-2] + "_id"]
    value = obj
    try:
        for part in parts:
            value = getattr(value, part)
            if value is None:
                return None
    except ObjectDoesNotExist:
        return None
    return value


def scoped_choices(model, user):
    """The rows of `model` an administrator may pick in a form (None: not region-bound)."""
    if model is get_user_model():
        return access.users_for(user)
    if scope_field(model) is not None:
        return model._default_manager.for_user(user)
    return None


class ScopedFieldsMixin:
    """Foreign-key and many-to-many choices (raw-id fields included: a typed id outside the
    choices is refused) limited to the administrator's regions."""

    def _scope(self, db_field, request, kwargs):
        if "queryset" not in kwargs:
            queryset = scoped_choices(db_field.remote_field.model, request.user)
            if queryset is not None:
                kwargs["queryset"] = queryset
                kwargs.setdefault("error_messages", {})
                kwargs["error_messages"].update(invalid_choice=OUTSIDE_CHOICE, invalid_pk_value=OUTSIDE_CHOICE)
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, **self._scope(db_field, request, kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **self._scope(db_field, request, kwargs))


class ScopedAdminForm(forms.ModelForm):
    """Refuses a save whose old or new value lies outside what the administrator may write.
    `admin_request` and `scoped_admin` are set on the class by `ScopedModelAdmin.get_form`."""

    admin_request = None
    scoped_admin = None

    def clean(self):
        cleaned = super().clean()
        if self._errors or self.scoped_admin is None:
            return cleaned  # field errors first; the check needs every value
        old = None
        if self.instance.pk is not None:
            old = type(self.instance)._base_manager.filter(pk=self.instance.pk).first()
        new = copy.copy(self.instance)
        construct_instance(self, new, self._meta.fields, self._meta.exclude)
        errors = self.scoped_admin.write_errors(self.admin_request, old, new)
        if errors:
            raise ValidationError(errors)
        return cleaned


class ScopedModelAdmin(VersiAdminMixin, ScopedFieldsMixin, SimpleHistoryAdmin):
    """Rows through `for_user`; every permission needs the "admin" capability on the
    region of the row (`region_of`), a save is checked on the region saved, and a stale
    save is refused (`VersiAdminMixin`)."""

    form = ScopedAdminForm

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def region_of(self, obj) -> str | None:
        return region_of(obj)

    def may_write(self, request, obj) -> bool:
        return access.may_administer(request.user, self.region_of(obj))

    def refusal(self, request, obj) -> str:
        kode = self.region_of(obj)
        if kode is None:
            return _("Data tingkat nasional (tanpa wilayah) hanya dapat disimpan oleh administrator nasional.")
        return _("Wilayah %(kode)s berada di luar wilayah Anda; data tidak disimpan.") % {"kode": kode}

    def write_errors(self, request, old, new) -> list[str]:
        """Why saving `new` (replacing `old`, None when adding) is refused; empty: allowed."""
        errors = []
        if old is not None and not self.may_write(request, old):
            errors.append(_("Data ini berada di luar wilayah Anda dan tidak dapat diubah."))
        if not self.may_write(request, new):
            errors.append(self.refusal(request, new))
        return errors

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not issubclass(form, ScopedAdminForm):
            raise TypeError(f"{type(self).__name__}.form must extend ScopedAdminForm")
        form.admin_request, form.scoped_admin = request, self
        return form

    def get_deleted_objects(self, objs, request):
        """Also for the bulk "delete selected" action: any object outside the administrator's
        regions blocks the whole deletion (Django answers 403 and deletes nothing)."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for obj in objs:
            if not self.has_delete_permission(request, obj):
                perms_needed.add(str(obj))
        return deleted, counts, perms_needed, protected

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A revert is a change of the current row: it must be in scope and changeable."""
        current = self.get_object(request, unquote(object_id))
        if current is None:
            raise Http404
        if request.method == "POST" and not self.has_change_permission(request, current):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _is_admin(self, request, obj=None):
        if obj is None:
            return access.has_cap(request.user, "admin")
        return self.may_write(request, obj)

    def has_module_permission(self, request):
        return self._is_admin(request)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return access.has_cap(request.user, "admin")
        return access.may_administer(request.user, self.region_of(obj))

    def has_add_permission(self, request):
        return self._is_admin(request)

    def has_change_permission(self, request, obj=None):
        return self._is_admin(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._is_admin(request, obj)


class NationalAdminMixin:
    """Settings for the whole country and accounts: national administrators only."""

    def _national(self, request, obj=None):
        return access.is_national_admin(request.user)

    has_module_permission = _national
    has_view_permission = has_change_permission = has_delete_permission = _national

    def has_add_permission(self, request, obj=None):
        return access.is_national_admin(request.user)


class NationalModelAdmin(NationalAdminMixin, VersiAdminMixin, SimpleHistoryAdmin):
    pass


class ScopedInline(ScopedFieldsMixin, admin.TabularInline):
    """An inline follows its parent: whoever may change the parent edits its rows."""

    extra = 0

    def _parent(self):
        return self.admin_site._registry[self.parent_model]

    def has_view_permission(self, request, obj=None):
        return self._parent().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        parent = self._parent()
        return parent.has_change_permission(request, obj) if obj else parent.has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._parent().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.can_delete and self._parent().has_change_permission(request, obj)


def _national_only(model) -> None:
    """Re-register a library's admin (login logs and lock-outs) for national administrators
    only; the library's own refusals (nobody adds a log row) still hold."""
    base = type(admin.site._registry[model])

    def has_add_permission(self, request, obj=None):
        return access.is_national_admin(request.user) and base.has_add_permission(self, request)

    admin.site.unregister(model)
    admin.site.register(
        model, type(base.__name__, (NationalAdminMixin, base), {"has_add_permission": has_add_permission})
    )


User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)
for _model in list(admin.site._registry):
    _national_only(_model)  # every admin registered before this one comes from a library


@admin.register(User)
class PenggunaAdmin(NationalAdminMixin, WajibGantiSandiAdminMixin, UserAdmin):
    """Accounts: national administrators only. An account cannot be scoped safely (it may hold
    Akses in several provinces, and its form sets staff and superuser flags); an administrator
    of a province grants roles to accounts already inside his province through *Akses*. An
    account added here (or whose password another administrator sets) changes its password at
    its first login."""


@admin.register(Group)
class GrupAdmin(NationalAdminMixin, GroupAdmin):
    pass


@admin.register(Wilayah)
class WilayahAdmin(ScopedModelAdmin):
    list_display = ["kode", "nama", "tingkat"]
    list_filter = ["tingkat"]
    search_fields = ["kode", "nama"]
    raw_id_fields = ["induk"]

    def has_add_permission(self, request):
        return access.is_national_admin(request.user)

    def has_change_permission(self, request, obj=None):
        """The official region list is national: administrators of a region only read it."""
        return access.is_national_admin(request.user)

    has_delete_permission = has_change_permission


@admin.register(LokasiProgram)
class LokasiProgramAdmin(ScopedModelAdmin):
    list_display = ["wilayah", "tahun", "angkatan"]
    list_filter = ["tahun"]
    raw_id_fields = ["wilayah"]


@admin.register(ProfilKelurahan)
class ProfilKelurahanAdmin(ScopedModelAdmin):
    list_display = ["wilayah", "tahun", "penduduk_l", "penduduk_p", "jumlah_kk", "kk_miskin"]
    list_filter = ["tahun"]
    raw_id_fields = ["wilayah"]


class JabatanInline(ScopedInline):
    model = Jabatan
    raw_id_fields = ["orang"]


@admin.register(Lembaga)
class LembagaAdmin(ScopedModelAdmin):
    list_display = ["nama", "jenis", "wilayah"]
    list_filter = ["jenis"]
    search_fields = ["nama", "wilayah__nama"]
    raw_id_fields = ["wilayah"]
    inlines = [JabatanInline]


@admin.register(Orang)
class OrangAdmin(ScopedModelAdmin):
    list_display = ["nama", "jenis_kelamin", "wilayah", "rt", "rw"]
    list_filter = ["jenis_kelamin", "disabilitas", "miskin"]
    search_fields = ["nama"]
    raw_id_fields = ["wilayah"]


class KehadiranInline(ScopedInline):
    model = Kehadiran
    raw_id_fields = ["orang"]
    can_delete = False

    def get_queryset(self, request):
        # the rows show their person read-only: fetched with the rows, not one query per row
        return super().get_queryset(request).select_related("orang")

    def has_add_permission(self, request, obj=None):
        return False  # attendance is written by the attendance service only

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Pertemuan)
class PertemuanAdmin(ScopedModelAdmin):
    list_display = ["judul", "jenis", "wilayah", "tanggal", "jumlah_l", "jumlah_p"]
    list_filter = ["jenis"]
    search_fields = ["judul"]
    raw_id_fields = ["wilayah"]
    date_hierarchy = "tanggal"
    inlines = [KehadiranInline]


@admin.register(Akses)
class AksesAdmin(ScopedModelAdmin):
    list_display = ["user", "peran", "wilayah"]
    list_filter = ["peran"]
    search_fields = ["user__username", "wilayah__nama"]
    raw_id_fields = ["wilayah", "orang"]

    def may_write(self, request, obj) -> bool:
        return access.may_grant(request.user, obj.peran, obj.wilayah_id)

    def refusal(self, request, obj) -> str:
        if obj.peran == access.ADMIN:
            return _("Hanya administrator nasional yang dapat memberi peran administrator.")
        if obj.wilayah_id is None:
            return _("Hanya administrator nasional yang dapat memberi akses tingkat nasional (wilayah kosong).")
        return _("Anda hanya dapat memberi akses di dalam wilayah Anda; %(kode)s berada di luarnya.") % {
            "kode": obj.wilayah_id
        }
