"""A demo certificate for the demo volunteer, issued from the approved hours the
volunteering demo gave them, so its PDF and its public verification page can be tried at
once. Needs the volunteering demo first. Idempotent: a volunteer who already has a valid
certificate keeps it (a certificate never changes; a new one is only issued when there is
none)."""

from django.contrib.auth import get_user_model
from django.db import transaction

from samskab.certificates import services
from samskab.certificates.models import Certificate
from samskab.demo.loaders import DemoLoader
from samskab.demo.loaders.volunteering import DEMO_VOLUNTEER_EMAIL


@transaction.atomic
def load_certificates_demo() -> str:
    volunteer = get_user_model().objects.filter(email=DEMO_VOLUNTEER_EMAIL).first()
    if volunteer is None:
        raise RuntimeError("The certificates demo needs the volunteering demo's volunteer.")
    certificate = (
        Certificate.objects.filter(volunteer=volunteer, revoked_at__isnull=True)
        .order_by("-issued_at")
        .first()
    )
    if certificate is None:
        certificate = services.issue_certificate(
            volunteer=volunteer, name=volunteer.display_name or "Demo-frivillig", language="da"
        )
    return (
        f"Certificates: {certificate.formatted_code} for {DEMO_VOLUNTEER_EMAIL} (check it at "
        "/frivilligbevis/tjek/)"
    )


LOADER = DemoLoader(
    "certificates",
    "samskab.demo.loaders.certificates.load_certificates_demo",
    requires=("volunteering",),
)
