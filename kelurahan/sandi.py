"""Forced password change: an account whose password an administrator chose (added in the
admin, or given a new password there by someone else) must choose its own password before
it may use the portal.

The flag is a `WajibGantiSandi` row. At login it is copied into the session, so the
middleware costs no query per request; changing or resetting the password removes both.
Demo accounts and accounts made with `createsuperuser` (the operator's own) are not flagged.
"""

from django.contrib.admin.utils import unquote
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from .models import WajibGantiSandi

SESSION_KEY = "wajib_ganti_sandi"


def wajibkan(user) -> None:
    """The owner of `user` must change the password at the next login."""
    WajibGantiSandi.objects.get_or_create(user=user)


def sandi_diganti(user, request=None) -> None:
    """The owner chose a new password: the portal opens again."""
    WajibGantiSandi.objects.filter(user=user).delete()
    if request is not None:
        request.session.pop(SESSION_KEY, None)


def wajib(request) -> bool:
    return bool(request.session.get(SESSION_KEY))


@receiver(user_logged_in)
def _tandai_sesi(sender, request, user, **kwargs):
    if getattr(request, "session", None) is not None and WajibGantiSandi.objects.filter(user=user).exists():
        request.session[SESSION_KEY] = True


def _bebas(path: str) -> bool:
    """Paths open while the change is due: the change itself, leaving, language, static files."""
    from django.conf import settings

    if path.startswith("/" + settings.STATIC_URL.lstrip("/")):
        return True
    names = ("password_change", "password_change_done", "logout", "set_language")
    return path in {reverse(name) for name in names}


class WajibGantiSandiMiddleware:
    """Sends a user who must change the password to the change page from every other page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if wajib(request) and request.user.is_authenticated and not _bebas(request.path):
            url = reverse("password_change")
            if getattr(request, "htmx", False):
                return HttpResponseClientRedirect(url)
            return redirect(url)
        return self.get_response(request)


class WajibGantiSandiAdminMixin:
    """For a UserAdmin: an account added there, or given a password there by another
    administrator, must change its password at the first login."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and obj.has_usable_password():
            wajibkan(obj)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302 and str(unquote(id)) != str(request.user.pk):
            user = self.get_object(request, unquote(id))
            if user is not None and user.has_usable_password():
                wajibkan(user)
        return response
