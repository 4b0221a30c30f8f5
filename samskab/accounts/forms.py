"""Forms for sign-up, login and the account pages.

allauth's own forms are subclassed so that they follow Det Fælles Designsystem: every
field has a visible label (no placeholders standing in for labels) and hints are plain
sentences that fit in the DKFDS hint. Setting ``ACCOUNT_FORMS`` points allauth at them.
"""

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from allauth.core import context
from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from samskab.core import limits

# Counted here through core.limits rather than by allauth (ACCOUNT_RATE_LIMITS), so that a
# refused form is shown again with what was typed. Sign-up and password reset send an
# email, so they are also limited per address: they must not flood someone's inbox.
LOGIN_LIMITS = (limits.Limit("accounts.login", "30/m"),)
SIGN_UP_LIMITS = (
    limits.Limit("accounts.sign_up", "20/m"),
    limits.Limit("accounts.sign_up", "5/h", per=limits.VALUE),
)
PASSWORD_RESET_LIMITS = (
    limits.Limit("accounts.reset_password", "20/m"),
    limits.Limit("accounts.reset_password", "5/h", per=limits.VALUE),
)


def password_rules_text() -> str:
    """The password validators' rules as one plain paragraph for the DKFDS hint."""
    return " ".join(str(text) for text in password_validation.password_validators_help_texts())


DISPLAY_NAME_HELP = _(
    "The name others see, for example when you join an activity. You can add or change it later."
)


class DkfdsFieldsMixin:
    """Labels instead of placeholders: a placeholder disappears as soon as one types and
    is read inconsistently by screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)


class LoginForm(DkfdsFieldsMixin, allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Email address")
        self.fields["password"].label = _("Password")
        # The login page links to "Forgot your password?" below the form instead.
        self.fields["password"].help_text = ""
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me logged in on this device")

    def clean(self):
        # Before allauth checks the password (and counts a failed login for the account).
        if not self.errors and not limits.allow(context.request, *LOGIN_LIMITS, form=self):
            return self.cleaned_data
        return super().clean()


class SignupForm(DkfdsFieldsMixin, allauth_forms.SignupForm):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=150,
        required=False,
        help_text=DISPLAY_NAME_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )

    field_order = ["email", "display_name", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")
        self.fields["email"].help_text = _(
            "We send a link to this address to check that it is yours. It is also what you "
            "log in with."
        )
        self.fields["password1"].label = _("Password")
        self.fields["password1"].help_text = password_rules_text()
        self.fields["password2"].label = _("Repeat the password")

    def clean_display_name(self):
        return self.cleaned_data["display_name"].strip()

    def clean(self):
        cleaned_data = super().clean()
        if not self.errors:
            limits.allow(context.request, *SIGN_UP_LIMITS, form=self, value=cleaned_data["email"])
        return cleaned_data


class ResetPasswordForm(DkfdsFieldsMixin, allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")
        self.fields["email"].help_text = _("The address you log in with.")

    def clean(self):
        cleaned_data = super().clean()
        if not self.errors:
            limits.allow(
                context.request, *PASSWORD_RESET_LIMITS, form=self, value=cleaned_data["email"]
            )
        return cleaned_data


class NewPasswordFieldsMixin(DkfdsFieldsMixin):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].label = _("New password")
        self.fields["password1"].help_text = password_rules_text()
        self.fields["password2"].label = _("Repeat the new password")


class ResetPasswordKeyForm(NewPasswordFieldsMixin, allauth_forms.ResetPasswordKeyForm):
    pass


class SetPasswordForm(NewPasswordFieldsMixin, allauth_forms.SetPasswordForm):
    pass


class ChangePasswordForm(NewPasswordFieldsMixin, allauth_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["oldpassword"].label = _("Current password")
        self.fields["oldpassword"].help_text = ""


class AddEmailForm(DkfdsFieldsMixin, allauth_forms.AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("New email address")
        self.fields["email"].help_text = _(
            "We send a link to the address. It can be used once you have confirmed it."
        )


class ReauthenticateForm(DkfdsFieldsMixin, allauth_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Your password")
        self.fields["password"].help_text = ""


class ConfirmReauthenticationCodeForm(
    DkfdsFieldsMixin, allauth_forms.ConfirmReauthenticationCodeForm
):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("Code")
        self.fields["code"].help_text = _(
            "The code in the email we sent you, for example ABCD-EFGH."
        )


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=150,
        required=False,
        help_text=DISPLAY_NAME_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=[(code, capfirst(name)) for code, name in settings.LANGUAGES],
        help_text=_("The language of the emails we send you, and of the site after you log in."),
        widget=forms.RadioSelect,
    )

    def clean_display_name(self):
        return self.cleaned_data["display_name"].strip()


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        help_text=_("To make sure it is you who deletes the account."),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, request, **kwargs):
        self.user = user
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        # allauth's authenticate counts failed attempts like failed logins, so this form
        # cannot be used to guess the password; it raises its own message when throttled.
        authenticated = get_adapter().authenticate(
            self.request, email=self.user.email, password=password
        )
        if authenticated is None or authenticated.pk != self.user.pk:
            raise forms.ValidationError(
                _("The password is not correct. Nothing has been deleted."),
                code="incorrect_password",
            )
        return password
