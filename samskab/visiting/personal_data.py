"""What visiting friends stores about a person (for "download my data") and what it removes
when they delete their account: their requests and offers go, with their matches."""

from samskab.visiting import selectors, services


def _iso(value):
    return value.isoformat() if value else None


def collect_personal_data(user) -> dict:
    return {
        "requests": [
            {
                "organisation": item.programme.organisation.name,
                "asked": item.relation,
                "person_name": item.person_name,
                "phone": item.contact_phone,
                "email": item.contact_email,
                "town": item.town.name,
                "interests": [interest.name for interest in item.interests.all()],
                "languages": [language.code for language in item.languages.all()],
                "preferred_gender": item.preferred_gender,
                "preferred_days": list(item.preferred_days),
                "about_the_person": item.description,
                "consent_given_at": _iso(item.consent_given_at),
                "status": item.status,
                "created_at": _iso(item.created_at),
                "closed_at": _iso(item.closed_at),
            }
            for item in selectors.requests_of(user)
        ],
        "offers": [
            {
                "organisation": item.programme.organisation.name,
                "gender": item.gender,
                "days": list(item.available_days),
                "how_many_people": item.capacity,
                "about_you": item.note,
                "status": item.status,
                "created_at": _iso(item.created_at),
            }
            for item in selectors.offers_of(user)
        ],
    }


def forget_personal_data(user) -> None:
    services.forget_person(user)
