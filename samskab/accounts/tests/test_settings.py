from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher

from samskab.settings import base


def test_argon2_is_the_default_password_hasher_in_production_settings():
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    hasher = Argon2PasswordHasher()
    assert hasher.verify("secret", hasher.encode("secret", hasher.salt()))


def test_allauth_uses_the_samskab_forms():
    forms = settings.ACCOUNT_FORMS
    assert forms["signup"] == "samskab.accounts.forms.SignupForm"
    assert forms["login"] == "samskab.accounts.forms.LoginForm"
    assert forms["change_password"] == "samskab.accounts.forms.ChangePasswordForm"
    assert forms["reset_password"] == "samskab.accounts.forms.ResetPasswordForm"
    assert forms["reset_password_from_key"] == "samskab.accounts.forms.ResetPasswordKeyForm"


def test_accounts_templates_override_allauths():
    installed = settings.INSTALLED_APPS
    assert installed.index("samskab.accounts") < installed.index("allauth")
