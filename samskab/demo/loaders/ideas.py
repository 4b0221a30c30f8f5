"""Demo ideas in Esbjerg Kommune: what citizens propose across the five focus areas and the
towns, the supports and discussions they get, the municipality's answers (every meaning of
a status), one idea turned into volunteer work that the demo volunteer has said yes to, a
few first posts of new citizens waiting for staff in the moderation inbox, and a comment
reported three times and hidden pending review.

The ideas and their citizens are invented (content/ideas.toml; reserved example.org
addresses, as the other invented demo people). The focus areas and initiatives come from
the vision demo, towns from the activities demo, organisations from the organisations
demo, the demo volunteer from the volunteering demo and the supporters partly from the
activities demo's people: load them first. Everything is done through the services, as
people do it: a citizen's first post is held by moderation and published by the demo staff
after a look (except those left waiting); staff answer and turn an idea into a need. Only
the times are set afterwards, relative to today, so that the ideas look proposed, supported,
discussed and answered over the past months. No email is sent while loading (the people
are invented, and they are set to hear of things only on the site); the rate limits of
posting and reporting do not apply to a month of discussion loaded at once.

Idempotent: an idea is found by its title, a comment by its idea, author and text, an
answer by its idea, status and text; supports, offers of help, reports and accepting the
need are made only when missing. Times are set only for what this run made.
"""

from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from samskab.comments import services as comment_services
from samskab.comments.models import Comment
from samskab.demo.content import pair, read
from samskab.demo.loaders import DemoLoader
from samskab.demo.loaders.catalogue import ensure_demo_people
from samskab.demo.loaders.volunteering import DEMO_VOLUNTEER_EMAIL
from samskab.demo.staff import demo_staff
from samskab.ideas import conf, selectors, services
from samskab.ideas.models import Answer, AnswerStatus, Idea, Support
from samskab.moderation import services as moderation
from samskab.moderation.models import ModerationState, Report, Review
from samskab.needs import errors as need_errors
from samskab.needs import services as need_services
from samskab.notifications import services as notifications
from samskab.notifications.models import NotificationSettings
from samskab.organisations.models import Organisation
from samskab.reference.models import Skill, Town
from samskab.vision.models import FocusArea, Initiative

# Invented people's addresses, as the other demos' (volunteering's helpers, visiting's).
CITIZEN_EMAIL = "demo-borger-{key}@example.org"
# Who the content names besides the citizens.
STAFF, VOLUNTEER = "staff", "volunteer"
# Staff's reason when they publish a new citizen's first post.
PUBLISHED_AFTER_A_LOOK = "Læst og udgivet. Velkommen til!"
# Supports come over the first weeks of an idea, comments over the first month.
SUPPORT_WEEKS = 6
DISCUSSION_DAYS = 30


@dataclass(frozen=True)
class DemoComment:
    author: str
    text: str
    stance: str = ""
    official: bool = False
    held: bool = False
    reported_by: tuple[str, ...] = ()
    replies: tuple["DemoComment", ...] = ()

    @classmethod
    def from_content(cls, row: dict) -> "DemoComment":
        values = dict(row)
        values["reported_by"] = tuple(row.get("reported_by", ()))
        values["replies"] = tuple(cls.from_content(reply) for reply in row.get("replies", ()))
        return cls(**values)


@dataclass(frozen=True)
class DemoAnswer:
    status: str
    text: str
    days_ago: int
    department: str = ""
    time_frame: str = ""
    initiative: str | None = None


@dataclass(frozen=True)
class DemoNeed:
    organisation: str
    title: tuple[str, str]
    description: tuple[str, str]
    place: str
    street: str
    postcode: str
    weekday: int
    start: time
    end: time
    people: int
    skills: tuple[str, ...] = ()
    help_offers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_content(cls, row: dict) -> "DemoNeed":
        values = {name: value for name, value in row.items() if not name.endswith("_en")}
        values["title"] = pair(row, "title")
        values["description"] = pair(row, "description")
        values["skills"] = tuple(row.get("skills", ()))
        values["help_offers"] = tuple(
            (offer["who"], offer["text"]) for offer in row.get("help_offers", ())
        )
        return cls(**values)


@dataclass(frozen=True)
class DemoIdea:
    """One of content/ideas.toml's ideas."""

    author: str
    title: str
    text: str
    focus_areas: tuple[str, ...]
    days_ago: int
    language: str = "da"
    town: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    initiative: str | None = None
    supports: int = 0
    held: bool = False
    answers: tuple[DemoAnswer, ...] = ()
    comments: tuple[DemoComment, ...] = ()
    need: DemoNeed | None = None

    @classmethod
    def from_content(cls, row: dict) -> "DemoIdea":
        values = dict(row)
        values["focus_areas"] = tuple(row["focus_areas"])
        values["answers"] = tuple(DemoAnswer(**answer) for answer in row.get("answers", ()))
        values["comments"] = tuple(DemoComment.from_content(c) for c in row.get("comments", ()))
        if "need" in row:
            values["need"] = DemoNeed.from_content(row["need"])
        return cls(**values)


def ideas() -> list[DemoIdea]:
    return [DemoIdea.from_content(row) for row in read("ideas")["ideas"]]


def citizens() -> list[dict]:
    """The invented citizens: ``key``, ``name`` and ``language`` (Danish unless said)."""
    return [{"language": "da", **row} for row in read("ideas")["citizens"]]


def citizen_email(key: str) -> str:
    return CITIZEN_EMAIL.format(key=key)


def load_ideas_demo() -> str:
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        COMMENTS_POST_RATE="",
        MODERATION_REPORT_RATE="",
    ):
        return _load()


def _require(model, keys, *, field_name="slug", demo="") -> dict:
    found = {
        getattr(obj, field_name): obj
        for obj in model.objects.filter(**{f"{field_name}__in": set(keys)})
    }
    missing = set(keys) - set(found)
    if missing:
        raise RuntimeError(
            f"The ideas demo needs the {demo} demo; load it first "
            f"(missing {model._meta.verbose_name_plural}: {', '.join(sorted(missing))})."
        )
    return found


def _hear_only_on_the_site(users) -> None:
    """Invented people are told of things on the site only: emails to them would only fill
    the console. A choice made earlier is kept."""
    chosen = set(
        NotificationSettings.objects.filter(user__in=users).values_list("user_id", flat=True)
    )
    for user in users:
        if user.pk not in chosen:
            notifications.save_settings(
                user=user,
                direct=NotificationSettings.Direct.OFF,
                following=NotificationSettings.Following.OFF,
            )


def _ensure_citizens() -> dict:
    user_model = get_user_model()
    people = {}
    for row in citizens():
        email = citizen_email(row["key"])
        user, _created = user_model.objects.get_or_create(
            email=email,
            defaults={"display_name": row["name"], "preferred_language": row["language"]},
        )
        if user.has_usable_password():
            user.set_unusable_password()
            user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        people[row["key"]] = user
    _hear_only_on_the_site(list(people.values()))
    return people


@dataclass
class Lookups:
    now: datetime
    staff: object
    people: dict
    supporters: list
    areas: dict
    towns: dict
    initiatives: dict
    statuses: dict
    organisations: dict
    skills: dict
    made: dict = field(default_factory=lambda: {"ideas": 0, "comments": 0, "answers": 0})


def _lookups(specs: list[DemoIdea]) -> Lookups:
    user_model = get_user_model()
    volunteer = user_model.objects.filter(email=DEMO_VOLUNTEER_EMAIL).first()
    if volunteer is None:
        raise RuntimeError("The ideas demo needs the volunteering demo's volunteer.")
    people = _ensure_citizens()
    staff = demo_staff()
    # Who supports: the demo volunteer, the citizens who have posted before, and the
    # activities demo's people.
    new = {spec.author for spec in specs if spec.held} | {
        comment.author for spec in specs for comment in spec.comments if comment.held
    }
    others = ensure_demo_people()
    _hear_only_on_the_site(others)
    supporters = [volunteer] + [user for key, user in people.items() if key not in new] + others
    people = {**people, STAFF: staff, VOLUNTEER: volunteer}
    initiative_slugs = {spec.initiative for spec in specs if spec.initiative} | {
        answer.initiative for spec in specs for answer in spec.answers if answer.initiative
    }
    needs = [spec.need for spec in specs if spec.need]
    return Lookups(
        now=timezone.now(),
        staff=staff,
        people=people,
        supporters=supporters,
        areas=_require(FocusArea, {a for spec in specs for a in spec.focus_areas}, demo="vision"),
        towns=_require(Town, {spec.town for spec in specs if spec.town}, demo="activities"),
        initiatives=_require(Initiative, initiative_slugs, demo="vision"),
        statuses=_require(
            AnswerStatus, {a.status for spec in specs for a in spec.answers}, demo="ideas"
        ),
        organisations=_require(
            Organisation, {need.organisation for need in needs}, demo="organisations"
        ),
        skills=_require(Skill, {s for need in needs for s in need.skills}, demo="volunteering"),
    )


@transaction.atomic
def _load() -> str:
    specs = ideas()
    lookups = _lookups(specs)
    for index, spec in enumerate(specs):
        _load_idea(spec, index, lookups)
    return _summary(specs, lookups)


def _load_idea(spec: DemoIdea, index: int, lookups: Lookups) -> None:
    now = lookups.now
    # Proposed in the morning, a few minutes apart, ``days_ago`` days ago.
    proposed = now - timedelta(days=spec.days_ago, hours=2, minutes=index)
    idea = Idea.objects.filter(title=spec.title).first()
    new = idea is None
    if new:
        idea = services.propose(
            author=lookups.people[spec.author],
            title=spec.title,
            text=spec.text,
            language=spec.language,
            focus_areas=[lookups.areas[slug] for slug in spec.focus_areas],
            town=lookups.towns.get(spec.town),
            latitude=Decimal(str(spec.latitude)) if spec.latitude is not None else None,
            longitude=Decimal(str(spec.longitude)) if spec.longitude is not None else None,
            initiative=lookups.initiatives.get(spec.initiative),
        )
        _look_at_first_post(idea, leave_held=spec.held, lookups=lookups, now=None)
        lookups.made["ideas"] += 1
    if idea.is_published:
        _support(idea, spec, index, lookups)
        _discuss(idea, spec, proposed, lookups)
        _answer(idea, spec, lookups)
        if spec.need is not None:
            _make_it_happen(idea, spec.need, lookups)
    if new:
        _date(idea, spec, proposed, lookups)


def _look_at_first_post(item, *, leave_held: bool, lookups: Lookups, now) -> None:
    """A new citizen's first post waits for staff; the demo staff publish it after a look,
    except the ones left waiting for the inbox."""
    if item.is_held and not leave_held:
        moderation.restore(item, reason=PUBLISHED_AFTER_A_LOOK, by=lookups.staff, now=now)


def _support(idea: Idea, spec: DemoIdea, index: int, lookups: Lookups) -> None:
    """``spec.supports`` people, found the same way each run, say "me too"."""
    pool = [person for person in lookups.supporters if person.pk != idea.author_id]
    start = (index * 11) % len(pool)
    wanted = (pool[start:] + pool[:start])[: spec.supports]
    already = set(Support.objects.filter(idea=idea).values_list("user_id", flat=True))
    for person in wanted:
        if person.pk not in already:
            services.support(idea=idea, user=person)


def _thread_times(spec: DemoIdea, proposed: datetime) -> list[datetime]:
    """When each post of the discussion (comments and replies in order) was written:
    spread over the idea's first month, or over its days so far."""
    count = sum(1 + len(comment.replies) for comment in spec.comments)
    span = min(timedelta(days=DISCUSSION_DAYS), (timedelta(days=spec.days_ago) * 0.8))
    return [proposed + span * (number + 1) / (count + 1) for number in range(count)]


def _discuss(idea: Idea, spec: DemoIdea, proposed: datetime, lookups: Lookups) -> None:
    times = iter(_thread_times(spec, proposed))
    for demo in spec.comments:
        comment = _post(idea, demo, next(times), lookups, parent=None)
        for reply in demo.replies:
            _post(idea, reply, next(times), lookups, parent=comment)
        _report(comment, demo, lookups)


def _post(idea: Idea, demo: DemoComment, moment: datetime, lookups: Lookups, *, parent):
    author = lookups.people[demo.author]
    existing = Comment.objects.on(idea).filter(author=author, text=demo.text).first()
    if existing is not None:
        return existing
    comment = comment_services.post_comment(
        target=idea,
        author=author,
        text=demo.text,
        stance=demo.stance,
        official=demo.official,
        parent=parent,
        now=moment,
    )
    # Staff look at it within the hour.
    looked = min(moment + timedelta(hours=1), lookups.now)
    _look_at_first_post(comment, leave_held=demo.held, lookups=lookups, now=looked)
    lookups.made["comments"] += 1
    return comment


def _report(comment: Comment, demo: DemoComment, lookups: Lookups) -> None:
    """The people in ``reported_by`` report the comment, an hour apart; the third report
    hides it until staff have looked."""
    for number, key in enumerate(demo.reported_by, start=1):
        reporter = lookups.people[key]
        comment.refresh_from_db()
        if not comment.is_published:
            return
        if Report.objects.filter(
            reporter=reporter,
            target_type=ContentType.objects.get_for_model(Comment),
            target_id=comment.pk,
        ).exists():
            continue
        moderation.report(
            comment,
            reporter=reporter,
            reason=Report.Reason.OFFENSIVE,
            text="Det er en personlig svining, ikke en holdning til idéen.",
            now=min(comment.created_at + timedelta(hours=number), lookups.now),
        )


def _answer(idea: Idea, spec: DemoIdea, lookups: Lookups) -> None:
    for demo in spec.answers:
        status = lookups.statuses[demo.status]
        if Answer.objects.filter(idea=idea, status=status, text=demo.text).exists():
            continue
        services.answer(
            idea=idea,
            by=lookups.staff,
            status=status,
            text=demo.text,
            department=demo.department,
            time_frame=demo.time_frame,
            initiative=lookups.initiatives.get(demo.initiative),
        )
        lookups.made["answers"] += 1


def _next_day(weekday: int, now) -> date:
    """The next ``weekday`` (ISO) from tomorrow: always within the coming week."""
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    return tomorrow + timedelta(days=(weekday - tomorrow.isoweekday()) % 7)


def _local(day, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment), timezone.get_current_timezone())


def _make_it_happen(idea: Idea, demo: DemoNeed, lookups: Lookups) -> None:
    """People offer to help; staff turn the accepted idea into a need for the coming week
    (everyone who offered is invited); the demo volunteer says yes."""
    for who, text in demo.help_offers:
        services.offer_help(idea=idea, user=lookups.people[who], text=text)
    idea.refresh_from_db()
    staff = lookups.staff
    if idea.need_id is None and services.may_turn_into_need(idea=idea, user=staff):
        day = _next_day(demo.weekday, lookups.now)
        need = services.turn_into_need(
            idea=idea,
            by=staff,
            organisation=lookups.organisations[demo.organisation],
            need={
                "fields": {
                    "title_da": demo.title[0],
                    "title_en": demo.title[1],
                    "description_da": demo.description[0],
                    "description_en": demo.description[1],
                    "town": idea.town,
                    "place_name": demo.place,
                    "street": demo.street,
                    "postcode": demo.postcode,
                    "starts_at": _local(day, demo.start),
                    "ends_at": _local(day, demo.end),
                },
                "focus_areas": list(idea.focus_areas.all()),
                "skills": [lookups.skills[slug] for slug in demo.skills],
                "people_needed": demo.people,
            },
        )
        # Alert now, as the needs demo does, so the alerts are made (and "sent" to no one)
        # inside this demo run.
        need_services.alert_volunteers(need=need, now=lookups.now)
        idea.refresh_from_db()
    if idea.need is not None:
        # Once the day is over (a later run), there is nothing to say yes to.
        with suppress(need_errors.NeedError):
            need_services.accept_need(need=idea.need, user=lookups.people[VOLUNTEER])


def _date(idea: Idea, spec: DemoIdea, proposed: datetime, lookups: Lookups) -> None:
    """Give what this run made for a new idea the times it would have had: proposed
    ``days_ago``, supported over the following weeks (the promise counting from the
    support that reached its number), answered as the content says, its first-post review
    done within a few hours."""
    now = lookups.now
    looked = proposed + timedelta(hours=3)
    idea_type = ContentType.objects.get_for_model(Idea)
    reviews = Review.objects.filter(target_type=idea_type, target_id=idea.pk)
    reviews.filter(closed_at__isnull=True).update(opened_at=proposed)
    reviews.filter(closed_at__isnull=False).update(opened_at=proposed, closed_at=looked)
    changes = {"created_at": proposed}
    if idea.moderated_at is not None:
        changes["moderated_at"] = proposed if idea.is_held else looked

    supports = list(Support.objects.filter(idea=idea).order_by("pk"))
    span = min(timedelta(weeks=SUPPORT_WEEKS), (now - proposed) * 0.9)
    for number, support in enumerate(supports, start=1):
        support.created_at = proposed + span * number / (len(supports) + 1)
    Support.objects.bulk_update(supports, ["created_at"])
    promise = conf.answer_supports()
    if len(supports) >= promise:
        changes["answer_due_from"] = supports[promise - 1].created_at

    answers = list(Answer.objects.filter(idea=idea).order_by("created_at", "pk"))
    for answer, demo in zip(answers, spec.answers, strict=False):
        answer.created_at = now - timedelta(days=demo.days_ago, hours=1)
    Answer.objects.bulk_update(answers, ["created_at"])
    if answers:
        changes["answered_at"] = answers[0].created_at
        changes["last_answered_at"] = answers[-1].created_at
    Idea.objects.filter(pk=idea.pk).update(**changes)


def _summary(specs: list[DemoIdea], lookups: Lookups) -> str:
    demo = Idea.objects.filter(title__in=[spec.title for spec in specs])
    held = demo.filter(moderation_state=ModerationState.HELD).count()
    ideas_type = ContentType.objects.get_for_model(Idea)
    comments = Comment.objects.filter(target_type=ideas_type, target_id__in=demo.values("pk"))
    hidden = comments.filter(moderation_state=ModerationState.HIDDEN).count()
    with_need = demo.filter(need__isnull=False).select_related("need").first()
    helpers = selectors.helpers_found(with_need) if with_need else None
    found = f"{helpers['found']} of {helpers['wanted']}" if helpers else "no"
    answered = demo.filter(answered_at__isnull=False).count()
    return (
        f"Ideas: {demo.count()} ideas loaded ({lookups.made['ideas']} new; {held} held for "
        f"review), {Support.objects.filter(idea__in=demo).count()} supports, "
        f"{comments.count()} comments ({hidden} hidden after reports), {answered} answered; "
        f"one turned into a need with {found} helpers found."
    )


LOADER = DemoLoader(
    "ideas",
    "samskab.demo.loaders.ideas.load_ideas_demo",
    requires=("vision", "organisations", "catalogue", "volunteering"),
)
