"""The emails of notifications: one at once, or a digest. Each says why it came and has a
one-click way to stop that kind of email (a link, and the List-Unsubscribe header that
mail programs show as a button, RFC 8058)."""

from itertools import groupby

from django.urls import reverse
from django.utils import translation

from samskab.core.emails import absolute_url, language_of, render_email
from samskab.notifications import tokens


def _unsubscribe_headers(message, unsubscribe_url: str):
    message.extra_headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return message


def _links(user, scope: str, language: str) -> dict:
    with translation.override(language):
        unsubscribe = reverse(
            "notifications:unsubscribe", kwargs={"token": tokens.make(user.pk, scope)}
        )
        settings_path = reverse("notifications:settings")
        list_path = reverse("notifications:list")
    return {
        "unsubscribe_url": absolute_url(unsubscribe),
        "settings_url": absolute_url(settings_path),
        "list_url": absolute_url(list_path),
    }


def instant_email(notification):
    from samskab.notifications import selectors

    recipient = notification.recipient
    language = language_of(recipient)
    kind = selectors.kinds().get(notification.kind)
    scope = "direct" if kind is None or kind.direct else "following"
    links = _links(recipient, scope, language)
    message = render_email(
        subject_template="notifications/email/instant_subject.txt",
        body_template="notifications/email/instant.txt",
        context={
            "notification": notification,
            "url": absolute_url(notification.url),
            "direct": scope == "direct",
            **links,
        },
        to=recipient.email,
        language=language,
    )
    return _unsubscribe_headers(message, links["unsubscribe_url"])


def digest_email(recipient, notifications):
    language = language_of(recipient)
    links = _links(recipient, "following", language)
    groups = [
        {"about": about, "items": [(n, absolute_url(n.url)) for n in items]}
        for about, items in groupby(notifications, key=lambda n: n.about)
    ]
    message = render_email(
        subject_template="notifications/email/digest_subject.txt",
        body_template="notifications/email/digest.txt",
        context={"groups": groups, "count": len(notifications), **links},
        to=recipient.email,
        language=language,
    )
    return _unsubscribe_headers(message, links["unsubscribe_url"])
