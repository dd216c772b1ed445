"""Forms of the project itself (login, password change and reset)."""

from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's login form sets the username's max_length after the field is built, so no
    length validator runs; an over-long name would reach the lockout table (255 characters)."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length or 150, _("Nama pengguna terlalu panjang.")))


class SandiBaruBerbedaMixin:
    """The new password must differ from the current one: an account an administrator made
    must really leave the password the administrator knows (kelurahan/sandi.py)."""

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("new_password2")
        if password and "new_password2" not in self.errors and self.user.check_password(password):
            message = _("Kata sandi baru harus berbeda dari kata sandi sekarang.")
            self.add_error("new_password2", ValidationError(message, code="password_unchanged"))
        return cleaned


class GantiSandiForm(SandiBaruBerbedaMixin, PasswordChangeForm):
    pass


class AturSandiForm(SandiBaruBerbedaMixin, SetPasswordForm):
    pass


class LupaSandiForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Alamat e-mail")
