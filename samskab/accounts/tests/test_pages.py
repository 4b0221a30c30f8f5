"""Every account page a visitor can reach renders in Samskab's layout, in both languages."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.template.loader import render_to_string
from django.utils import translation

from samskab.accounts.forms import AddEmailForm
from samskab.accounts.tests.helpers import SUBJECT_END

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = [
    ("konto/login/", "Log ind", "Log in"),
    ("konto/signup/", "Opret en konto", "Create an account"),
    ("konto/confirm-email/", "Tjek din e-mail", "Check your email"),
    ("konto/confirm-email/not-a-key/", "Bekræft din e-mailadresse", "Confirm your email address"),
    ("konto/password/reset/", "Glemt din adgangskode?", "Forgot your password?"),
    ("konto/password/reset/done/", "Tjek din e-mail", "Check your email"),
    ("konto/password/reset/key/1-not-a-key/", "Linket virker ikke", "The link does not work"),
    (
        "konto/password/reset/key/done/",
        "Din adgangskode er ændret",
        "Your password has been changed",
    ),
    ("konto/inactive/", "Kontoen er lukket", "This account is closed"),
]

LOGGED_IN_PAGES = [
    ("min-konto/", "Min konto", "My account"),
    ("min-konto/slet/", "Slet min konto", "Delete my account"),
    ("konto/logout/", "Log ud", "Log out"),
    ("konto/password/change/", "Skift adgangskode", "Change password"),
    ("konto/email/", "E-mailadresser", "Email addresses"),
    ("konto/reauthenticate/", "Bekræft, at det er dig", "Confirm that it is you"),
    ("konto/reauthenticate/code/", "Bekræft, at det er dig", "Confirm that it is you"),
]


def h1_texts(html):
    headings = re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return [re.sub(r"<[^>]+>", "", heading).strip() for heading in headings]


def assert_samskab_page(html, language, heading):
    assert f'<html lang="{language}">' in html
    assert 'id="main-content"' in html
    assert "samskab-footer" in html
    assert h1_texts(html) == [heading]
    assert "style=" not in html
    assert "<script>" not in html
    assert "placeholder=" not in html
    # allauth's own bare layout prints these; ours never does.
    assert "Menu:" not in html
    assert "Messages:" not in html


@pytest.mark.parametrize(("path", "danish", "english"), ANONYMOUS_PAGES)
def test_anonymous_account_pages_render_in_both_languages(client, path, danish, english):
    for prefix, language, heading in (("/", "da", danish), ("/en/", "en", english)):
        response = client.get(prefix + path, follow=True)
        assert response.status_code == 200, prefix + path
        assert_samskab_page(response.content.decode(), language, heading)


@pytest.mark.parametrize(("path", "danish", "english"), LOGGED_IN_PAGES)
def test_logged_in_account_pages_render_in_both_languages(logged_in_client, path, danish, english):
    for prefix, language, heading in (("/", "da", danish), ("/en/", "en", english)):
        response = logged_in_client.get(prefix + path, follow=True)
        assert response.status_code == 200, prefix + path
        assert_samskab_page(response.content.decode(), language, heading)


def test_pages_below_my_account_have_breadcrumbs(logged_in_client):
    html = logged_in_client.get("/konto/password/change/").content.decode()

    assert 'class="breadcrumbs"' in html
    assert 'href="/min-konto/" class="breadcrumbs__link">Min konto</a>' in html
    assert '<li class="breadcrumbs__list-item" aria-current="page">Skift adgangskode</li>' in html


def test_the_email_page_lists_addresses_with_their_status(logged_in_client, user):
    EmailAddress.objects.create(user=user, email="second@example.dk", verified=False)

    html = logged_in_client.get("/konto/email/").content.decode()

    assert '<legend class="form-label">Dine e-mailadresser</legend>' in html
    assert "second@example.dk" in html
    assert "Ikke bekræftet" in html
    assert "Primær" in html


def test_adding_an_email_address_sends_a_danish_confirmation(logged_in_client, user):
    response = logged_in_client.post(
        "/konto/email/", {"action_add": "", "email": "second@example.dk"}, follow=True
    )

    assert response.status_code == 200
    assert "Vi har sendt en bekræftelsesmail til second@example.dk." in response.content.decode()
    message = mail.outbox[-1]
    assert message.to == ["second@example.dk"]
    assert message.subject == f"Bekræft din e-mailadresse{SUBJECT_END}"
    assert "Esbjerg Kommune" in message.body


def test_allauths_own_limits_answer_with_the_sites_429_page(logged_in_client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"change_password": "1/m/user"}
    data = {"oldpassword": "wrong", "password1": "x", "password2": "x"}

    logged_in_client.post("/konto/password/change/", data)
    response = logged_in_client.post("/konto/password/change/", data)

    assert response.status_code == 429
    html = response.content.decode()
    assert_samskab_page(html, "da", "For mange forsøg")
    assert "Du har prøvet for mange gange på kort tid." in html


@pytest.mark.parametrize(
    ("prefix", "language", "heading", "label"),
    [("/", "da", "Indtast koden", "Kode"), ("/en/", "en", "Enter the code", "Code")],
)
def test_confirming_by_emailed_code_renders_in_both_languages(
    logged_in_client, user, prefix, language, heading, label
):
    response = logged_in_client.post(
        f"{prefix}konto/reauthenticate/code/", {"recipient": user.email}, follow=True
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert_samskab_page(html, language, heading)
    assert f'<label class="form-label" for="id_code">{label}</label>' in html
    assert mail.outbox[-1].to == [user.email]


def test_the_change_email_page_renders_in_our_layout(rf, user):
    # allauth picks this template instead of email.html when ACCOUNT_CHANGE_EMAIL is on,
    # which is decided when allauth is imported, so it is rendered directly here.
    current = EmailAddress.objects.get(user=user)
    pending = EmailAddress.objects.create(user=user, email="new@example.dk", verified=False)
    request = rf.get("/konto/email/")
    request.user = user

    with translation.override("da"):
        html = render_to_string(
            "account/email_change.html",
            {
                "form": AddEmailForm(user=user),
                "emailaddresses": [current, pending],
                "current_emailaddress": current,
                "new_emailaddress": pending,
            },
            request=request,
        )

    assert_samskab_page(html, "da", "E-mailadresse")
    assert "new@example.dk" in html
    assert "<h2>Skift din e-mailadresse</h2>" in html
    assert 'name="action_remove"' in html
