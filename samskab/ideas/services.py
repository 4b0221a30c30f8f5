"""Writes: propose, edit, support, answer, offer help. Each in a transaction; errors are
``samskab.ideas.errors`` with a message for the person who clicked."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.accounts.roles import is_municipal_staff
from samskab.ideas import cached_pages, conf, errors
from samskab.ideas.models import (
    Answer,
    AnswerStatus,
    HelpOffer,
    Idea,
    IdeaRevision,
    Meaning,
    Support,
)
from samskab.moderation import services as moderation
from samskab.notifications import services as notifications

PLACE_FIELDS = ("initiative", "town", "latitude", "longitude")


def _index(idea: Idea) -> None:
    """Keep the idea findable: the lower-case words for SQLite, a text search vector (Danish
    and English stemming) for PostgreSQL."""
    Idea.objects.filter(pk=idea.pk).update(search_text=f"{idea.title} {idea.text}".casefold())
    if connection.vendor == "postgresql":
        Idea.objects.filter(pk=idea.pk).update(
            search_vector=SearchVector("title", config="danish", weight="A")
            + SearchVector("title", config="english", weight="A")
            + SearchVector("text", config="danish", weight="B")
            + SearchVector("text", config="english", weight="B")
        )


def received_status() -> AnswerStatus | None:
    return AnswerStatus.objects.filter(meaning=Meaning.RECEIVED).order_by("order", "pk").first()


def propose(*, author, title, text, language, focus_areas, **place) -> Idea:
    """Publish a citizen's idea; its author follows it from now on."""
    unknown = set(place) - set(PLACE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown idea fields: {sorted(unknown)}")
    with transaction.atomic():
        idea = Idea.objects.create(
            author=author,
            title=title.strip(),
            text=text.strip(),
            language=language,
            status=received_status(),
            **place,
        )
        idea.focus_areas.set(focus_areas)
        _index(idea)
        moderation.screen(idea, text=f"{idea.title}\n{idea.text}")
        notifications.follow(user=author, target=idea, automatically=True)
    return idea


def edit(*, idea: Idea, by, title, text, focus_areas, **place) -> Idea:
    """The author changes their idea. Until someone supports or discusses it, freely; after
    that every edit keeps the earlier version, shown with the idea as "edited"."""
    if idea.author_id is None or by.pk != idea.author_id:
        raise errors.NotTheAuthor
    with transaction.atomic():
        idea = Idea.objects.select_for_update().get(pk=idea.pk)
        title, text = title.strip(), text.strip()
        engaged = idea.supports_count > 0 or idea.comments_count > 0
        if engaged and (title != idea.title or text != idea.text):
            IdeaRevision.objects.create(idea=idea, title=idea.title, text=idea.text)
            idea.edited_at = timezone.now()
        idea.title, idea.text = title, text
        for name, value in place.items():
            if name not in PLACE_FIELDS:
                raise ValueError(f"Unknown idea field: {name}")
            setattr(idea, name, value)
        idea.save()
        idea.focus_areas.set(focus_areas)
        _index(idea)
        moderation.screen(idea, text=f"{idea.title}\n{idea.text}")
    return idea


def support(*, idea: Idea, user) -> bool:
    """ "Me too", once per person, also when two requests arrive at once. Returns whether
    this call added the support. The supporter follows the idea."""
    if idea.author_id == user.pk:
        raise errors.OwnIdea
    if not idea.is_published:
        raise errors.NotPublished
    try:
        with transaction.atomic():
            Support.objects.create(idea=idea, user=user)
            Idea.objects.filter(pk=idea.pk).update(supports_count=F("supports_count") + 1)
            # The promise starts when the idea first reaches the supports it names.
            Idea.objects.filter(
                pk=idea.pk,
                answer_due_from__isnull=True,
                supports_count__gte=conf.answer_supports(),
            ).update(answer_due_from=timezone.now())
            notifications.follow(user=user, target=idea, automatically=True)
    except IntegrityError:
        return False
    return True


def withdraw_support(*, idea: Idea, user) -> bool:
    with transaction.atomic():
        deleted, _ = Support.objects.filter(idea=idea, user=user).delete()
        if deleted:
            Idea.objects.filter(pk=idea.pk).update(supports_count=F("supports_count") - 1)
    return bool(deleted)


def answer(
    *,
    idea: Idea,
    by,
    status: AnswerStatus,
    text: str = "",
    department: str = "",
    time_frame: str = "",
    initiative=None,
    decision_url: str = "",
) -> Answer:
    """The municipality answers (or answers again: every version stays public). The author
    is told at once; followers hear it in their digest."""
    if not is_municipal_staff(by):
        raise errors.NotStaff
    text = text.strip()
    if status.needs_text and not text:
        raise errors.AnswerNeedsText
    now = timezone.now()
    with transaction.atomic():
        idea = Idea.objects.select_for_update().get(pk=idea.pk)
        reply = Answer.objects.create(
            idea=idea,
            status=status,
            text=text,
            department=department.strip(),
            time_frame=time_frame.strip(),
            initiative=initiative,
            decision_url=decision_url,
            answered_by=by,
        )
        idea.status = status
        idea.answered_at = idea.answered_at or now
        idea.last_answered_at = now
        if initiative is not None and idea.initiative_id is None:
            idea.initiative = initiative
        idea.save(update_fields=["status", "answered_at", "last_answered_at", "initiative"])
        title = idea.title
        if idea.author_id:
            notifications.notify(
                kind="ideas.your_idea_answered",
                target=idea,
                recipients=[idea.author_id],
                message=lambda: (
                    _("The municipality answered your idea “%(title)s”: %(status)s")
                    % {"title": title, "status": status.name}
                ),
                url=idea.get_absolute_url(),
            )
        notifications.notify(
            kind="ideas.answered",
            target=idea,
            followers=True,
            exclude=[idea.author_id, by.pk],
            message=lambda: (
                _("The municipality answered “%(title)s”: %(status)s")
                % {"title": title, "status": status.name}
            ),
            url=idea.get_absolute_url(),
        )
    return reply


def offer_help(*, idea: Idea, user, text: str) -> HelpOffer:
    """ "I can help with …". Saying it again replaces what one said."""
    with transaction.atomic():
        offer, _created = HelpOffer.objects.update_or_create(
            idea=idea, user=user, defaults={"text": text.strip()}
        )
        notifications.follow(user=user, target=idea, automatically=True)
    return offer


def withdraw_help(*, idea: Idea, user) -> bool:
    deleted, _ = HelpOffer.objects.filter(idea=idea, user=user).delete()
    return bool(deleted)


# Ideas with these meanings can become volunteer work.
BECOMES_WORK = (Meaning.ACCEPTED, Meaning.ACCEPTED_IF_HELP)


def may_turn_into_need(*, idea: Idea, user, organisation=None) -> bool:
    """Municipal staff, or the author for an organisation they coordinate, may turn an
    accepted idea that is no volunteer work yet into a need."""
    from samskab.organisations.selectors import can_coordinate

    if idea.need_id is not None or idea.status is None or idea.status.meaning not in BECOMES_WORK:
        return False
    if is_municipal_staff(user):
        return True
    if not user.is_authenticated or idea.author_id != user.pk:
        return False
    if organisation is None:
        from samskab.ideas.selectors import organisations_for_need

        return organisations_for_need(user).exists()
    return can_coordinate(user, organisation)


def turn_into_need(*, idea: Idea, by, organisation, need: dict):
    """Post the need (``need`` holds ``needs.services.post_need``'s arguments, as the needs
    form makes them) for the idea, and invite everyone who offered to help. The volunteers
    the need fits are alerted as for any need."""
    from samskab.needs import services as need_services

    if not may_turn_into_need(idea=idea, user=by, organisation=organisation):
        raise errors.CannotBecomeWork
    with transaction.atomic():
        posted = need_services.post_need(organisation=organisation, by=by, **need)
        if not Idea.objects.filter(pk=idea.pk, need__isnull=True).update(need=posted):
            # Someone else did it a moment ago: their need stands, this one goes.
            raise errors.CannotBecomeWork
        helpers = list(HelpOffer.objects.filter(idea=idea).values_list("user_id", flat=True))
        HelpOffer.objects.filter(idea=idea).update(invited_at=timezone.now())
        title = idea.title
        if idea.author_id:
            notifications.notify(
                kind="ideas.your_idea_becomes_work",
                target=idea,
                recipients=[idea.author_id],
                exclude=[by.pk],
                message=lambda: (
                    _("Your idea “%(title)s” becomes volunteer work") % {"title": title}
                ),
                url=idea.get_absolute_url(),
            )
        notifications.notify(
            kind="ideas.help_wanted",
            target=idea,
            recipients=helpers,
            exclude=[by.pk],
            message=lambda: (
                _("“%(title)s” is happening, and you offered to help: say yes here")
                % {"title": title}
            ),
            url=posted.get_absolute_url(),
        )
    return posted


def helper_found(*, need_id: int, helper) -> None:
    """Someone said yes to the need an idea became: the author is told directly."""
    idea = Idea.objects.filter(need_id=need_id).only("pk", "title", "author_id").first()
    if idea is None or idea.author_id in (None, helper.pk):
        return
    title = idea.title
    notifications.notify(
        kind="ideas.helper_found",
        target=idea,
        recipients=[idea.author_id],
        message=lambda: _("A helper said yes to your idea “%(title)s”") % {"title": title},
        url=idea.get_absolute_url(),
    )


def record_done_work(*, now=None) -> int:
    """The periodic task: an idea whose volunteer need has taken place gives its initiative
    a reached milestone, once. Returns the milestones made."""
    from samskab.needs.models import Need
    from samskab.vision.models import Milestone

    now = now or timezone.now()
    done = Idea.objects.filter(
        milestone__isnull=True,
        initiative__isnull=False,
        need__status=Need.Status.CLOSED,
        need__ends_at__lte=now,
    ).select_related("need")
    made = 0
    for idea in done:
        with transaction.atomic():
            locked = Idea.objects.select_for_update().filter(pk=idea.pk, milestone__isnull=True)
            if not locked.exists():
                continue
            milestone = Milestone.objects.create(
                initiative_id=idea.initiative_id,
                date=timezone.localdate(idea.need.ends_at),
                title=idea.title[:200],
                description=idea.text[:2000],
                reached=True,
            )
            locked.update(milestone=milestone)
            made += 1
    return made


def recount_comments(idea_id: int) -> None:
    """The idea's count of comments others can read (lists sort by it; cards are keyed
    with it, and the lists are forgotten)."""
    from samskab.comments.models import Comment
    from samskab.moderation.models import ModerationState

    Idea.objects.filter(pk=idea_id).update(
        comments_count=Comment.objects.filter(
            target_type=ContentType.objects.get_for_model(Idea),
            target_id=idea_id,
            moderation_state=ModerationState.PUBLISHED,
            deleted_at__isnull=True,
        ).count()
    )
    cached_pages.LISTS.forget()


def comment_posted(*, comment, target) -> None:
    """Someone commented on an idea: the count follows, the commenter follows the idea,
    and its other followers hear of it (in their digest, as they chose)."""
    recount_comments(target.pk)
    if comment.author_id is None:
        return
    notifications.follow(user=comment.author, target=target, automatically=True)
    title = target.title
    url = f"{target.get_absolute_url()}#comments"
    if target.author_id and target.author_id != comment.author_id:
        notifications.notify(
            kind="ideas.comment_on_yours",
            target=target,
            recipients=[target.author_id],
            message=lambda: _("New comment on your idea “%(title)s”") % {"title": title},
            details=lambda: comment.text,
            url=url,
        )
    notifications.notify(
        kind="ideas.commented",
        target=target,
        followers=True,
        exclude=[comment.author_id, target.author_id],
        message=lambda: _("New comment on “%(title)s”") % {"title": title},
        url=url,
    )


def forget_person(user) -> None:
    """A person leaves: their ideas stay (others supported and discussed them) without their
    name (``author`` is emptied by the database); supports and offers go with them, and
    the counts follow."""
    supported = list(Support.objects.filter(user=user).values_list("idea_id", flat=True))
    Support.objects.filter(user=user).delete()
    Idea.objects.filter(pk__in=supported).update(supports_count=F("supports_count") - 1)
