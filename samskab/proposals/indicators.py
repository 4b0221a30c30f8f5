"""The vision's results that citizen proposals show (``Indicator`` in
samskab/core/extensions.py, declared in contributions.py): proposals submitted and
signatures given.

Signatures carry no key: who signed is deliberately not kept (identity hashes are deleted
after the proposal ends), so each signature stands for itself.
"""

from collections.abc import Iterator
from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samskab.core.extensions import Fact, Indicator
from samskab.proposals.models import Event, Signature, Step

CHUNK = 5000


def _between(field: str, since: datetime | None, until: datetime) -> Q:
    window = Q(**{f"{field}__lt": until})
    if since is not None:
        window &= Q(**{f"{field}__gte": since})
    return window


def submitted_facts(since: datetime | None, until: datetime) -> Iterator[Fact]:
    rows = (
        Event.objects.filter(_between("at", since, until), step=Step.SUBMITTED)
        .order_by()
        .values_list("at", "proposal_id", "proposal__language")
    )
    for at, proposal_id, language in rows.iterator(chunk_size=CHUNK):
        yield Fact(at=at, key=f"proposal:{proposal_id}", language=language or "")


def signature_facts(since: datetime | None, until: datetime) -> Iterator[Fact]:
    rows = Signature.objects.filter(_between("signed_at", since, until)).order_by()
    for (signed_at,) in rows.values_list("signed_at").iterator(chunk_size=CHUNK):
        yield Fact(at=signed_at)


INDICATORS = (
    Indicator(
        slug="proposals-submitted",
        title=_("Citizen proposals submitted"),
        definition=_(
            "Citizen proposals their authors submitted for the municipality's formal check, "
            "counted at the moment of submitting, whatever happened to them afterwards "
            "(approved, rejected or withdrawn). Drafts are not counted; a proposal deleted "
            "as a draft never was submitted. Language is the one it was written in."
        ),
        unit=_("proposals"),
        measure="count",
        facts=submitted_facts,
        breakdowns=("language",),
    ),
    Indicator(
        slug="proposals-signatures",
        title=_("Signatures for citizen proposals"),
        definition=_(
            "Signatures given to citizen proposals, with MitID, at the citizen service desk "
            "or on paper, counted at the moment of signing. Only eligible signatures are "
            "stored; a signature the signer withdrew is not counted. One person signing "
            "two proposals gives two signatures: who signed is not kept."
        ),
        unit=_("signatures"),
        measure="count",
        facts=signature_facts,
    ),
)
