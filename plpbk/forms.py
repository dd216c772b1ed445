"""Forms of the project itself (login)."""

from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's login form sets the username's max_length after the field is built, so no
    length validator runs; an over-long name would reach the lockout table (255 characters)."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length or 150, _("Nama pengguna terlalu panjang.")))
