from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_login_redirect_url
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from samskab.core import emails as core_emails
from samskab.core import limits


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _("The email address or the password is not correct."),
        "too_many_login_attempts": _(
            "You have tried to log in too many times. Wait a few minutes and try again, "
            "or choose a new password with “Forgot your password?”."
        ),
        "enter_current_password": _("Your current password is not correct."),
        "rate_limited": limits.MESSAGE,
    }
    # allauth's own limits (failed logins per account, the confirmation email's resend
    # pause) answer as core.limits does: the form is shown again and the page answers 429.
    LIMIT_ERRORS = ("too_many_login_attempts", "rate_limited")

    def validation_error(self, code, *args):
        if code in self.LIMIT_ERRORS and allauth_context.request is not None:
            limits.refuse(allauth_context.request)
        return super().validation_error(code, *args)

    def get_client_ip(self, request):
        """The same address the rest of the site counts limits by (behind the proxy)."""
        return limits.client_ip(request)

    def get_login_redirect_url(self, request):
        """Send the user on in the language they chose in their profile.

        Only used when the user did not come with an explicit ``?next=``: allauth sends
        them there unchanged."""
        url = super().get_login_redirect_url(request)
        language = getattr(request.user, "preferred_language", None)
        return translate_url(url, language) if language else url

    def post_login(self, request, user, *, redirect_url, signup, **kwargs):
        """Word the "you are logged in" message in the language of the page the user is
        sent to, which may differ from the login page's (see get_login_redirect_url)."""
        target = get_login_redirect_url(request, redirect_url, signup=signup)
        language = translation.get_language_from_path(urlsplit(target).path)
        with translation.override(language or settings.LANGUAGE_CODE):
            return super().post_login(
                request, user, redirect_url=redirect_url, signup=signup, **kwargs
            )

    def get_logout_redirect_url(self, request):
        """The front page in the language of the page the user logged out from."""
        return reverse("vision:front_page")

    def save_user(self, request, user, form, commit=True):
        """Keep the display name from the sign-up form, and remember the language the
        person signed up in: it is the language we write to them in."""
        user.display_name = form.cleaned_data.get("display_name", "")
        language = translation.get_language()
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        """Every email names the municipality and links to the front page; subjects are
        rendered without the request, so the name is put in the context here."""
        mail_context = {"municipality_name": settings.MUNICIPALITY_NAME}
        if self.request is not None:
            mail_context["site_url"] = self.request.build_absolute_uri(reverse("vision:front_page"))
        mail_context.update(context)
        # As allauth does, except that the email goes through the site's outbox: rendered
        # now, delivered by a worker, so a mail server that is down neither fails the
        # sign-up nor loses its confirmation.
        request = allauth_context.request
        mail_context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **mail_context,
        }
        core_emails.send_later(
            self.render_mail(template_prefix, email, mail_context), about=template_prefix
        )
