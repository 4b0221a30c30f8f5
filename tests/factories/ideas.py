"""Ideas proposed through the service, as citizens propose them."""

from django.contrib.contenttypes.models import ContentType

from samskab.ideas import services
from samskab.ideas.models import AnswerStatus, Idea, Meaning
from samskab.moderation.models import ModerationState, Review
from tests.factories.accounts import UserFactory
from tests.factories.vision import FocusAreaFactory


def propose_idea(
    *, author=None, title="Bænke langs stien ved Fanø-færgen", text=None, published=True, **fields
):
    """An idea proposed through the service (its author follows it). A new author's first
    idea is held for review; unless ``published=False`` it is then published, as staff
    would after a look."""
    fields.setdefault("language", "da")
    focus_areas = fields.pop("focus_areas", None) or [FocusAreaFactory()]
    idea = services.propose(
        author=author or UserFactory(),
        title=title,
        text=text or "Så ældre kan hvile sig på vej til færgen.",
        focus_areas=focus_areas,
        **fields,
    )
    if published and idea.is_held:
        Review.objects.filter(
            target_type=ContentType.objects.get_for_model(Idea), target_id=idea.pk
        ).delete()
        Idea.objects.filter(pk=idea.pk).update(
            moderation_state=ModerationState.PUBLISHED, moderation_cause=""
        )
        idea.refresh_from_db()
    return idea


def answer_status(meaning: str = Meaning.ACCEPTED) -> AnswerStatus:
    """The status the migrations made for ``meaning``."""
    return AnswerStatus.objects.filter(meaning=meaning).order_by("order").first()
