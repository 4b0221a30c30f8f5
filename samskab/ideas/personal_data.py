"""What ideas store about a person, for "download my data", and what goes with the account.
Ideas stay, without their author's name (``author`` is emptied by the database): others
have supported and discussed them."""

from samskab.ideas import services
from samskab.ideas.models import HelpOffer, Idea, Support


def collect(user) -> dict:
    return {
        "ideas": [
            {"title": idea.title, "text": idea.text, "proposed": idea.created_at.isoformat()}
            for idea in Idea.objects.filter(author=user)
        ],
        "supported": [
            support.idea.title
            for support in Support.objects.filter(user=user).select_related("idea")
        ],
        "offers_of_help": [
            {"idea": offer.idea.title, "text": offer.text}
            for offer in HelpOffer.objects.filter(user=user).select_related("idea")
        ],
    }


def forget(user) -> None:
    services.forget_person(user)
