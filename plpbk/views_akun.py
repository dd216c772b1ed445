"""Account pages around Django's own auth views: password change (which ends a forced
change, kelurahan/sandi.py) and password reset by e-mail.

The reset never tells whether an address belongs to an account: every valid request gets
the same "sent" page. It is limited lightly per client address (a visible refusal) and per
e-mail address (silently: no more mails, the same page), counted in the cache.
"""

import hashlib

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from kelurahan import sandi
from plpbk.common.client_ip import client_ip

from .forms import AturSandiForm, GantiSandiForm, LupaSandiForm

#: reset requests per hour from one client address, and e-mails per hour to one address
BATAS_PER_ALAMAT_IP = 10
BATAS_PER_EMAIL = 3
JENDELA_DETIK = 60 * 60


def _hitung(key: str) -> int:
    """Counts one more request under `key` in the current window; returns the count."""
    cache.add(key, 0, JENDELA_DETIK)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, JENDELA_DETIK)
        return 1


class GantiSandiView(auth_views.PasswordChangeView):
    form_class = GantiSandiForm

    def get_context_data(self, **kwargs):
        kwargs["wajib_ganti"] = sandi.wajib(self.request)
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        sandi.sandi_diganti(form.user, self.request)
        return response


class LupaSandiView(auth_views.PasswordResetView):
    form_class = LupaSandiForm

    @property
    def extra_email_context(self):
        return {"site_url": settings.SITE_URL.rstrip("/")}

    def form_valid(self, form):
        ip = client_ip(self.request) or "-"
        if _hitung(f"lupa-sandi:ip:{ip}") > BATAS_PER_ALAMAT_IP:
            form.add_error(
                None, _("Terlalu banyak permintaan atur ulang kata sandi dari alamat Anda. Coba lagi dalam satu jam.")
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        email = form.cleaned_data["email"].strip().lower()
        if _hitung(f"lupa-sandi:email:{hashlib.sha256(email.encode()).hexdigest()}") > BATAS_PER_EMAIL:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class AturSandiView(auth_views.PasswordResetConfirmView):
    form_class = AturSandiForm
    reset_url_token = "sandi-baru"  # noqa: S105 (a path segment, not a secret)

    def form_valid(self, form):
        response = super().form_valid(form)
        sandi.sandi_diganti(form.user)
        # whoever holds the mailbox may log in again from here at once, even after a lockout
        axes_reset(ip=client_ip(self.request), username=form.user.get_username())
        return response
