"""Requests and offers made through the services, as people make them."""

from samskab.visiting import services
from samskab.volunteering import services as volunteering_services
from tests.factories.accounts import UserFactory
from tests.factories.reference import InterestFactory, LanguageFactory, town


def interest(slug, danish, english):
    return InterestFactory(slug=slug, name_da=danish, name_en=english)


def danish():
    return LanguageFactory(code="da", name_da="Dansk", name_en="Danish", native_name="dansk")


def arabic():
    return LanguageFactory(code="ar", name_da="Arabisk", name_en="Arabic", native_name="العربية")


def ask(programme, *, by=None, **overrides):
    details = {
        "relation": "self",
        "person_name": "Inger Hansen",
        "town": town("ribe"),
        "description": "Jeg kan lide at spille kort og gå ture ved åen.",
        "contact_phone": "75 12 34 56",
        "contact_email": "",
        "preferred_gender": "",
        "preferred_days": (),
        "interests": (),
        "languages": (),
    }
    details.update(overrides)
    return services.submit_request(
        programme=programme,
        requested_by=by or UserFactory(),
        details=services.RequestDetails(**details),
        consent=True,
    )


def volunteer_offer(programme, *, user=None, towns=(), interests=(), languages=(), **offer):
    user = user or UserFactory()
    profile = volunteering_services.save_profile(
        user=user,
        fields={"phone": "20 30 40 50"},
        towns=towns,
        interests=interests,
        languages=languages,
    )
    return services.save_offer(programme=programme, profile=profile, **offer)
