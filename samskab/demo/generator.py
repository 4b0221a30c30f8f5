"""Synthetic data at the brief's scales, for benchmarks (``manage.py generate_data``):
organisations, activities with weekly series and sessions, each session's booking slot,
users and sign-ups; then the volunteering half (opportunities, shifts, needs, volunteer
profiles, hours), written by ``generate_volunteering`` further down with the same helpers,
and the ideas half (ideas, supports, comments and replies, answers), by ``generate_ideas``
at the end.

Not part of the product: it writes the product apps' tables directly, and no product app
imports it.

Everything is written with bulk inserts (PostgreSQL's COPY, ``bulk_create`` elsewhere) with
ids chosen here, so the relations can be built without reading rows back; the database
sequences are moved past them afterwards. The rows are consistent with what the services
would have produced:

- each session has exactly one slot (same times; places only when sign-up is required);
- in every slot, bookings carry arrival numbers 1..n and ``arrivals`` is n; the first
  active bookings in arrival order hold the places (never more than the capacity), later
  ones wait in order, and only slots that have not started have a waitlist;
- a person has at most one active booking per slot;
- every activity has its search document.

The same ``seed`` gives the same rows (except the secret link tokens of bookings and the
check-in secrets of shifts, which are always random). Generated organisations have slugs
starting with ``gen-``, users emails at ``generated.invalid``, so they are easy to
recognise and never mistaken for real people.
"""

import io
import json
import random
import secrets
import time as clock
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from samskab.accounts.roles import MUNICIPAL_STAFF_GROUP
from samskab.activities.models import (
    ACCESSIBILITY_FACT_NAMES,
    Activity,
    ActivitySchedule,
    ActivitySession,
)
from samskab.activities.recurrence import local_moment
from samskab.booking import conf as booking_conf
from samskab.booking.models import Booking, Slot
from samskab.catalogue.services import refresh_entries
from samskab.comments.models import Comment
from samskab.core.text import slugify_da
from samskab.demo.database import analyze_tables_with_rows
from samskab.ideas import conf as ideas_conf
from samskab.ideas.models import Answer, AnswerStatus, HelpOffer, Idea, Meaning, Support
from samskab.moderation.models import Cause, ModerationState, Report, Review
from samskab.needs.models import Need
from samskab.notifications.models import Follow
from samskab.organisations.models import Organisation
from samskab.reference.models import AgeGroup, Interest, Language, Skill, Town
from samskab.vision.models import FocusArea, Initiative
from samskab.volunteering import upcoming
from samskab.volunteering.models import (
    AVAILABILITY_CODES,
    HoursEntry,
    Opportunity,
    Shift,
    VolunteerProfile,
)
from samskab.volunteering.services import person_key_for_booking

GENERATED_SLUG_PREFIX = "gen-"
GENERATED_EMAIL_DOMAIN = "generated.invalid"
BATCH_SIZE = 5000


@dataclass(frozen=True)
class Scale:
    """How much to generate. ``signups`` are the activity sessions' bookings; the
    volunteering half (``generate_volunteering``) adds ``opportunities`` with
    ``shifts`` (and their sign-ups and hours), ``needs``, and volunteer profiles for a
    share of the ``users``; the ideas half (``generate_ideas``) adds ``ideas`` with
    ``idea_supports`` and ``idea_comments``. A scale without activities generates only
    the other halves."""

    name: str
    organisations: int
    activities: int
    sessions: int
    signups: int
    users: int
    opportunities: int = 0
    shifts: int = 0
    needs: int = 0
    # The ideas half (``generate_ideas``): ideas, their supports and their comments
    # (replies included).
    ideas: int = 0
    idea_supports: int = 0
    idea_comments: int = 0
    # Days from today (first included, last not) over which one-off tasks' shifts fall.
    one_off_days: tuple[int, int] = (-120, 240)


SCALES = {
    "small": Scale(
        "small",
        organisations=12,
        activities=60,
        sessions=600,
        signups=3000,
        users=300,
        opportunities=100,
        shifts=1_000,
        needs=20,
        ideas=40,
        idea_supports=1_600,
        idea_comments=400,
    ),
    "esbjerg": Scale(
        "esbjerg",
        organisations=1_500,
        activities=10_000,
        sessions=100_000,
        signups=1_000_000,
        users=40_000,
        opportunities=5_000,
        shifts=50_000,
        needs=500,
        ideas=5_000,
        idea_supports=200_000,
        idea_comments=50_000,
    ),
    # Ten times Esbjerg: to show that a page's cost does not grow with the data.
    "tenfold": Scale(
        "tenfold",
        organisations=15_000,
        activities=100_000,
        sessions=1_000_000,
        signups=10_000_000,
        users=400_000,
        opportunities=50_000,
        shifts=500_000,
        needs=5_000,
        ideas=50_000,
        idea_supports=2_000_000,
        idea_comments=500_000,
    ),
    "national": Scale(
        "national",
        organisations=75_000,
        activities=500_000,
        sessions=5_000_000,
        signups=50_000_000,
        users=2_000_000,
        opportunities=250_000,
        shifts=2_500_000,
        needs=25_000,
        ideas=250_000,
        idea_supports=10_000_000,
        idea_comments=2_500_000,
    ),
}

# What generated activities are about: Danish title, English title, interest slugs,
# age group slugs, Danish description, English description (empty: Danish only).
KINDS = [
    (
        "Strikkecafé",
        "Knitting café",
        ["needlework"],
        ["adults", "seniors"],
        "Vi strikker, hækler og snakker over en kop kaffe. Tag dit eget projekt med, eller "
        "lån pinde og garn af os.",
        "",
    ),
    (
        "Gåtur i naturen",
        "Nature walk",
        ["nature", "exercise"],
        ["adults", "seniors"],
        "En rolig gåtur på omkring fem kilometer i lokalområdet. Vi går i samlet flok og "
        "slutter med kaffe.",
        "A calm walk of about five kilometres in the local area. We walk together and end "
        "with coffee.",
    ),
    (
        "Sprogcafé",
        "Language café",
        ["conversation"],
        ["adults", "young-people"],
        "Øv dansk i en afslappet samtale med frivillige. Alle niveauer er velkomne.",
        "Practise Danish in a relaxed conversation with volunteers. All levels welcome.",
    ),
    (
        "Fællesspisning",
        "Community dinner",
        ["food"],
        ["families", "adults", "seniors"],
        "Vi laver mad sammen og spiser ved lange borde. Børn spiser med til halv pris.",
        "We cook together and eat at long tables. Children eat at half price.",
    ),
    (
        "Seniorgymnastik",
        "Gymnastics for seniors",
        ["exercise", "well-being"],
        ["seniors"],
        "Blid gymnastik med fokus på balance og styrke. Der er stole til dem, der har brug "
        "for det.",
        "",
    ),
    (
        "Brætspilsaften",
        "Board game night",
        ["games"],
        ["young-people", "adults"],
        "Vi spiller brætspil for begyndere og øvede. Tag gerne dit yndlingsspil med.",
        "",
    ),
    (
        "Kor for alle",
        "Choir for everyone",
        ["music"],
        ["adults", "seniors"],
        "Et kor uden optagelsesprøve. Vi synger alt fra højskolesange til pop.",
        "",
    ),
    (
        "Lektiecafé",
        "Homework café",
        ["books", "conversation"],
        ["children", "young-people"],
        "Frivillige hjælper med lektier i dansk, matematik og engelsk.",
        "Volunteers help with homework in Danish, maths and English.",
    ),
    (
        "Repair café",
        "Repair café",
        ["gardening", "arts-and-crafts"],
        ["adults", "families"],
        "Tag din ødelagte cykel, lampe eller trøje med – vi reparerer den sammen.",
        "Bring your broken bike, lamp or jumper – we repair it together.",
    ),
    (
        "IT-hjælp",
        "Digital help",
        ["digital-help"],
        ["seniors", "adults"],
        "Få hjælp til MitID, e-Boks og din telefon af tålmodige frivillige.",
        "",
    ),
    (
        "Dans for begyndere",
        "Dance for beginners",
        ["dance", "exercise"],
        ["adults", "seniors"],
        "Pardans og linedance for begyndere. Du behøver ikke have en partner med.",
        "",
    ),
    (
        "Fællesskabshave",
        "Community garden",
        ["gardening", "nature"],
        ["families", "adults"],
        "Vi dyrker grøntsager og blomster sammen og deler høsten.",
        "We grow vegetables and flowers together and share the harvest.",
    ),
    (
        "Historisk fortælleaften",
        "Local history evening",
        ["culture", "books"],
        ["adults", "seniors"],
        "Lokalhistorikere fortæller om byens huse, folk og begivenheder.",
        "",
    ),
    (
        "Kreativt værksted",
        "Creative workshop",
        ["arts-and-crafts"],
        ["children", "families"],
        "Maling, ler og genbrugskunst for store og små.",
        "",
    ),
]

FIRST_WORDS = [
    "Lokale",
    "Venner af",
    "Fællesskabet",
    "Foreningen",
    "Klubben",
    "Netværket",
    "Huset",
    "Gruppen",
]
ORGANISATION_KINDS = [
    ("Idrætsforening", Organisation.Type.ASSOCIATION),
    ("Seniorklub", Organisation.Type.ASSOCIATION),
    ("Frivilliggruppe", Organisation.Type.VOLUNTEER_GROUP),
    ("Lokalråd", Organisation.Type.LOCAL_COUNCIL),
    ("Kulturforening", Organisation.Type.ASSOCIATION),
    ("Aktivitetscenter", Organisation.Type.MUNICIPAL_SERVICE),
    ("Borgerforening", Organisation.Type.ASSOCIATION),
]
PLACES = ["Forsamlingshuset", "Biblioteket", "Hallen", "Kulturhuset", "Skolen", "Klubhuset"]
STREETS = ["Skolevej", "Kirkevej", "Stationsvej", "Storegade", "Møllevej", "Engvej", "Parkvej"]
# Text columns not listed in a row are written empty.
ACTIVITY_COLUMNS = [
    "id",
    "organisation_id",
    "title",
    "title_da",
    "title_en",
    "slug",
    "description",
    "description_da",
    "description_en",
    "place_name",
    "street",
    "postcode",
    "town_id",
    "latitude",
    "longitude",
    "price",
    "price_note",
    "price_note_da",
    "price_note_en",
    "participation",
    *ACCESSIBILITY_FACT_NAMES,
    "accessibility_note",
    "accessibility_note_da",
    "accessibility_note_en",
    "come_alone_welcome",
    "is_published",
    "created_at",
    "updated_at",
]
START_TIMES = [time(9, 30), time(10), time(13), time(14), time(16, 30), time(17), time(19)]
PRICES = [Decimal(0)] * 5 + [Decimal(20), Decimal(30), Decimal(50), Decimal(75), Decimal(150)]


class Progress:
    def __init__(self, write: Callable[[str], None] | None):
        self.write = write or (lambda message: None)
        self.started = clock.monotonic()

    def __call__(self, message: str) -> None:
        self.write(f"[{clock.monotonic() - self.started:6.1f}s] {message}")


def generated_data_exists() -> bool:
    return Organisation.objects.filter(slug__startswith=GENERATED_SLUG_PREFIX).exists()


# --- writing ------------------------------------------------------------------------------


def next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, timedelta):
        return f"{value.total_seconds()} seconds"
    if isinstance(value, (dict, list)):
        value = json.dumps(value)
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _unlisted_fields(model, columns: Sequence[str]) -> list:
    """Concrete fields a row does not give, which COPY must fill as Django would: their
    default, else NULL or an empty text. A field that has none of these is a programming
    error here (a new required field this generator does not know yet)."""
    fields = []
    for field in model._meta.concrete_fields:
        if field.attname in columns or field.generated or field.primary_key:
            # Primary keys not given come from the table's sequence.
            continue
        if not (field.has_default() or field.null or field.empty_strings_allowed):
            raise RuntimeError(
                f"generate_data does not know how to fill {model._meta.label}.{field.name}."
            )
        fields.append(field)
    return fields


def _default_of(field):
    if field.has_default():
        return field.get_default()
    return None if field.null else ""


def insert_rows(model, columns: Sequence[str], rows: Iterable[tuple]) -> int:
    """Insert rows of values for ``columns`` (field attnames) into ``model``'s table:
    COPY on PostgreSQL, ``bulk_create`` in batches elsewhere. Fields not in ``columns``
    get their defaults. Returns the row count."""
    count = 0
    if connection.vendor == "postgresql":
        extra = _unlisted_fields(model, columns)
        fields = [model._meta.get_field(name) for name in columns] + extra
        quoted = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        table = connection.ops.quote_name(model._meta.db_table)
        buffer = io.StringIO()
        with connection.cursor() as cursor:

            def flush():
                with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    copy.write(buffer.getvalue())
                buffer.seek(0)
                buffer.truncate()

            for row in rows:
                values = [*row, *(_default_of(field) for field in extra)]
                buffer.write("\t".join(_copy_value(value) for value in values))
                buffer.write("\n")
                count += 1
                if count % 50_000 == 0:
                    flush()
            flush()
        return count
    batch = []
    for row in rows:
        batch.append(model(**dict(zip(columns, row, strict=True))))
        count += 1
        if len(batch) >= BATCH_SIZE:
            model.objects.bulk_create(batch)
            batch = []
    if batch:
        model.objects.bulk_create(batch)
    return count


def reset_sequences(models) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


# --- generating --------------------------------------------------------------------------


@dataclass
class Reference:
    towns: list[Town]
    focus_areas: list[FocusArea]
    interests: dict[str, Interest]
    age_groups: dict[str, AgeGroup]
    languages: dict[str, Language]


def _reference() -> Reference:
    reference = Reference(
        towns=list(Town.objects.order_by("pk")),
        focus_areas=list(FocusArea.objects.order_by("pk")),
        interests={i.slug: i for i in Interest.objects.all()},
        age_groups={a.slug: a for a in AgeGroup.objects.all()},
        languages={lang.code: lang for lang in Language.objects.all()},
    )
    if not reference.towns or not reference.focus_areas:
        raise RuntimeError(
            "generate_data needs towns (the activities migrations) and focus areas (the "
            "vision demo: manage.py load_demo) to exist first."
        )
    return reference


def generate(
    *,
    scale: Scale,
    seed: int = 1,
    write: Callable[[str], None] | None = None,
    now: datetime | None = None,
) -> dict:
    """Generate ``scale`` worth of rows: the activities half here, then the volunteering
    half (``generate_volunteering``) and the ideas half (``generate_ideas``). ``now``
    (default: the current time) is the moment the data is generated around: what lies
    before it is past. Returns the counts written."""
    progress = Progress(write)
    # Reproducible synthetic data, not secrets: the tokens come from ``secrets``.
    rng = random.Random(seed)  # noqa: S311
    reference = _reference()
    now = (now or timezone.now()).replace(microsecond=0)
    counts = {}
    activities = []
    with transaction.atomic():
        user_ids = _generate_users(scale, rng, now, progress)
        counts["users"] = len(user_ids)
        organisations = _generate_organisations(scale, rng, reference, now, progress)
        counts["organisations"] = len(organisations)
        if scale.activities:
            activities = _generate_activities(scale, rng, reference, organisations, now, progress)
            counts["activities"] = len(activities)
            slots = _generate_sessions(scale, rng, activities, now, progress)
            counts["sessions"] = scale.sessions
            counts["sign-ups"] = _generate_bookings(scale, rng, slots, user_ids, now, progress)
        counts.update(
            generate_volunteering(
                scale=scale,
                seed=seed,
                reference=reference,
                organisations=organisations,
                user_ids=user_ids,
                now=now,
                progress=progress,
            )
        )
        counts.update(
            generate_ideas(
                scale=scale,
                seed=seed,
                reference=reference,
                user_ids=user_ids,
                now=now,
                progress=progress,
            )
        )
        reset_sequences(
            [
                get_user_model(),
                Organisation,
                Activity,
                ActivitySchedule,
                ActivitySession,
                Slot,
                Booking,
                *MODELS_WITH_CHOSEN_IDS,
                *IDEA_MODELS_WITH_CHOSEN_IDS,
            ]
        )
        if activities:
            # Fresh statistics, so the entries' next-session subqueries use the indexes.
            progress("ANALYZE")
            analyze_tables_with_rows()
            progress("Catalogue entries (search words and next sessions)")
            refresh_entries(activity_ids=[activity.pk for activity in activities], now=now)
    progress("ANALYZE")
    analyze_tables_with_rows()
    progress("Done")
    return counts


def _generate_users(scale, rng, now, progress) -> list[int]:
    progress(f"{scale.users:,} users")
    user_model = get_user_model()
    first = next_id(user_model)
    # One unusable password shared by all: generated people cannot log in.
    unusable = make_password(None)
    ids = list(range(first, first + scale.users))
    insert_rows(
        user_model,
        [
            "id",
            "password",
            "is_superuser",
            "email",
            "display_name",
            "preferred_language",
            "is_staff",
            "is_active",
            "date_joined",
        ],
        (
            (
                pk,
                unusable,
                False,
                f"person{pk}@{GENERATED_EMAIL_DOMAIN}",
                f"Person {pk}",
                "en" if rng.random() < 0.1 else "da",
                False,
                True,
                now,
            )
            for pk in ids
        ),
    )
    return ids


@dataclass
class GeneratedOrganisation:
    pk: int
    town: Town
    focus_areas: list[FocusArea]


def _generate_organisations(scale, rng, reference, now, progress):
    progress(f"{scale.organisations:,} organisations")
    first = next_id(Organisation)
    organisations, rows, areas = [], [], []
    through = Organisation.focus_areas.through
    for offset in range(scale.organisations):
        pk = first + offset
        town = rng.choice(reference.towns)
        word, type_ = rng.choice(ORGANISATION_KINDS)
        name = f"{rng.choice(FIRST_WORDS)} {word} {town.name} {offset + 1}"
        focus = rng.sample(reference.focus_areas, k=min(len(reference.focus_areas), 2))
        organisations.append(GeneratedOrganisation(pk, town, focus))
        description = (
            f"{name} samler folk i {town.name} om fællesskab, bevægelse og kultur. Alle er "
            "velkomne, og nye ansigter bliver taget godt imod."
        )
        rows.append(
            (
                pk,
                name,
                f"{GENERATED_SLUG_PREFIX}{pk}-{slugify_da(name, strip=False)}"[:160],
                type_,
                description,
                description,
                "",
                "",
                f"Kontakt {pk}",
                f"organisation{pk}@{GENERATED_EMAIL_DOMAIN}",
                "",
                "",
                town.postcode,
                town.name,
                "",
                Organisation.Status.APPROVED,
                "",
                now,
                now,
                now,
            )
        )
        areas.extend((pk, area.pk) for area in focus)
    insert_rows(
        Organisation,
        [
            "id",
            "name",
            "slug",
            "type",
            "description",
            "description_da",
            "description_en",
            "logo",
            "contact_name",
            "contact_email",
            "contact_phone",
            "street",
            "postcode",
            "town",
            "website",
            "status",
            "rejection_reason",
            "reviewed_at",
            "created_at",
            "updated_at",
        ],
        rows,
    )
    insert_rows(through, ["organisation_id", "focusarea_id"], areas)
    return organisations


@dataclass
class GeneratedActivity:
    pk: int
    sign_up: bool
    capacity: int | None
    weekday: int
    start_time: time
    minutes: int
    first_day: date
    interval: int
    sessions: int = 0
    schedule_id: int | None = None


def _generate_activities(scale, rng, reference, organisations, now, progress):
    progress(f"{scale.activities:,} activities")
    first = next_id(Activity)
    activities, rows = [], []
    relations = {"focus": [], "interests": [], "ages": [], "languages": []}
    danish = reference.languages.get("da")
    english = reference.languages.get("en")
    others = [lang for code, lang in reference.languages.items() if code not in ("da", "en")]
    today = timezone.localdate(now)
    for offset in range(scale.activities):
        pk = first + offset
        organisation = organisations[offset % len(organisations)]
        town = organisation.town if rng.random() < 0.8 else rng.choice(reference.towns)
        title_da, title_en, interest_slugs, age_slugs, text_da, text_en = rng.choice(KINDS)
        title_da = f"{title_da} i {town.name}"
        title_en = f"{title_en} in {town.name}" if text_en else ""
        sign_up = rng.random() < 0.6
        price = rng.choice(PRICES)
        facts = {name: rng.random() < 0.4 for name in ACCESSIBILITY_FACT_NAMES}
        activities.append(
            GeneratedActivity(
                pk=pk,
                sign_up=sign_up,
                capacity=rng.randint(8, 40) if sign_up else None,
                weekday=rng.randint(1, 7),
                start_time=rng.choice(START_TIMES),
                minutes=rng.choice([60, 90, 120, 150]),
                # Series start from four months ago to two months ahead, so about half of
                # the sessions lie ahead, as on a site that has run for a while.
                first_day=today + timedelta(days=rng.randint(-120, 60)),
                interval=1 if rng.random() < 0.8 else 2,
            )
        )
        place = rng.choice(PLACES)
        row = {
            "id": pk,
            "organisation_id": organisation.pk,
            "title": title_da,
            "title_da": title_da,
            "title_en": title_en,
            "slug": slugify_da(title_da, max_length=160, strip=False),
            "description": text_da,
            "description_da": text_da,
            "description_en": text_en,
            "place_name": f"{place} i {town.name}",
            "street": f"{rng.choice(STREETS)} {rng.randint(1, 80)}",
            "postcode": town.postcode,
            "town_id": town.pk,
            "latitude": round(town.latitude + rng.uniform(-0.012, 0.012), 6),
            "longitude": round(town.longitude + rng.uniform(-0.02, 0.02), 6),
            "price": price,
            "participation": (
                Activity.Participation.SIGN_UP if sign_up else Activity.Participation.DROP_IN
            ),
            "come_alone_welcome": rng.random() < 0.3,
            "is_published": True,
            "created_at": now,
            "updated_at": now,
            **facts,
        }
        rows.append(tuple(row.get(column, "") for column in ACTIVITY_COLUMNS))
        for area in rng.sample(organisation.focus_areas, k=rng.randint(1, 2)):
            relations["focus"].append((pk, area.pk))
        for slug in interest_slugs:
            if slug in reference.interests:
                relations["interests"].append((pk, reference.interests[slug].pk))
        for slug in age_slugs:
            if slug in reference.age_groups:
                relations["ages"].append((pk, reference.age_groups[slug].pk))
        spoken = [danish] if danish else []
        if english and (text_en and rng.random() < 0.5):
            spoken.append(english)
        if others and rng.random() < 0.05:
            spoken.append(rng.choice(others))
        relations["languages"].extend((pk, language.pk) for language in spoken)
    insert_rows(Activity, ACTIVITY_COLUMNS, rows)
    insert_rows(Activity.focus_areas.through, ["activity_id", "focusarea_id"], relations["focus"])
    insert_rows(Activity.interests.through, ["activity_id", "interest_id"], relations["interests"])
    insert_rows(Activity.age_groups.through, ["activity_id", "agegroup_id"], relations["ages"])
    insert_rows(Activity.languages.through, ["activity_id", "language_id"], relations["languages"])
    return activities


def _session_counts(rng, activities, total) -> list[int]:
    average = max(total // max(len(activities), 1), 1)
    counts = [rng.randint(max(average // 2, 1), average + average // 2) for _ in activities]
    difference = total - sum(counts)
    while difference:
        index = rng.randrange(len(counts))
        step = 1 if difference > 0 else -1
        if counts[index] + step >= 1:
            counts[index] += step
            difference -= step
    return counts


@dataclass
class GeneratedSlot:
    pk: int
    capacity: int | None
    starts_at: datetime
    cancelled: bool


def _generate_sessions(scale, rng, activities, now, progress) -> list[GeneratedSlot]:
    progress(f"{scale.sessions:,} sessions with their booking slots")
    content_type = ContentType.objects.get_for_model(ActivitySession)
    first_schedule = next_id(ActivitySchedule)
    first_session = next_id(ActivitySession)
    first_slot = next_id(Slot)
    counts = _session_counts(rng, activities, scale.sessions)
    schedules, sessions, slots, generated = [], [], [], []
    session_id, slot_id = first_session, first_slot
    for index, (activity, count) in enumerate(zip(activities, counts, strict=True)):
        schedule_id = first_schedule + index
        offset = (activity.weekday - activity.first_day.isoweekday()) % 7
        first_day = activity.first_day + timedelta(days=offset)
        days = [first_day + timedelta(weeks=activity.interval * n) for n in range(count)]
        end_time = (
            datetime.combine(first_day, activity.start_time) + timedelta(minutes=activity.minutes)
        ).time()
        schedules.append(
            (
                schedule_id,
                activity.pk,
                [activity.weekday],
                activity.interval,
                activity.start_time,
                end_time,
                days[0],
                days[-1],
                [],
                activity.capacity,
                now,
                now,
            )
        )
        for day in days:
            starts_at = local_moment(day, activity.start_time)
            ends_at = local_moment(day, end_time)
            # A few sessions ahead are cancelled, as happens (illness, a closed hall).
            cancelled = starts_at > now and rng.random() < 0.01
            sessions.append(
                (
                    session_id,
                    activity.pk,
                    schedule_id,
                    starts_at,
                    ends_at,
                    day.isoweekday(),
                    activity.start_time,
                    now,
                )
            )
            slots.append(
                (
                    slot_id,
                    content_type.pk,
                    session_id,
                    starts_at,
                    ends_at,
                    activity.capacity,
                    False,
                    None,
                    0,
                    now if cancelled else None,
                    "Aflyst på grund af sygdom." if cancelled else "",
                    now,
                    now,
                )
            )
            if activity.sign_up:
                generated.append(GeneratedSlot(slot_id, activity.capacity, starts_at, cancelled))
            session_id += 1
            slot_id += 1
    insert_rows(
        ActivitySchedule,
        [
            "id",
            "activity_id",
            "weekdays",
            "interval",
            "start_time",
            "end_time",
            "starts_on",
            "ends_on",
            "exception_dates",
            "capacity",
            "created_at",
            "updated_at",
        ],
        _json_rows(schedules, json_columns=(2, 8)),
    )
    insert_rows(
        ActivitySession,
        [
            "id",
            "activity_id",
            "schedule_id",
            "starts_at",
            "ends_at",
            "weekday",
            "start_time",
            "created_at",
        ],
        sessions,
    )
    insert_rows(
        Slot,
        [
            "id",
            "content_type_id",
            "object_id",
            "starts_at",
            "ends_at",
            "capacity",
            "auto_confirm_waitlist",
            "reminder_before",
            "arrivals",
            "cancelled_at",
            "cancellation_reason",
            "created_at",
            "updated_at",
        ],
        slots,
    )
    return generated


def _json_rows(rows, *, json_columns):
    """COPY writes JSON columns as text; bulk_create wants Python values."""
    if connection.vendor != "postgresql":
        yield from rows
        return
    for row in rows:
        yield tuple(
            json.dumps(value) if index in json_columns else value for index, value in enumerate(row)
        )


BOOKING_COLUMNS = [
    "id",
    "slot_id",
    "user_id",
    "guest_name",
    "guest_email",
    "language",
    "status",
    "sequence",
    "token",
    "confirmation_sent_at",
    "confirmed_at",
    "cancelled_at",
    "attendance",
    "attendance_marked_at",
    "reminder_sent_at",
    "created_at",
    "updated_at",
]


def _signup_counts(rng, slots, total) -> list[int]:
    weights = [rng.uniform(0.2, 1.8) for _ in slots]
    scale = total / sum(weights) if weights else 0
    counts = [int(weight * scale) for weight in weights]
    for index in rng.sample(range(len(slots)), k=total - sum(counts)):
        counts[index] += 1
    return counts


def _generate_bookings(scale, rng, slots, user_ids, now, progress) -> int:
    progress(f"{scale.signups:,} sign-ups")
    if not slots:
        return 0
    first = next_id(Booking)
    counts = _signup_counts(rng, slots, scale.signups)
    arrivals = {}

    def rows():
        pk = first
        for slot, count in zip(slots, counts, strict=True):
            count = min(count, len(user_ids))
            people = rng.sample(user_ids, k=count)
            holders = 0
            past = slot.starts_at <= now
            for sequence, user_id in enumerate(people, start=1):
                created = slot.starts_at - timedelta(days=rng.randint(1, 30), minutes=sequence)
                guest = rng.random() < 0.05
                if slot.cancelled or rng.random() < 0.05:
                    status = Booking.Status.CANCELLED
                elif slot.capacity is None or holders < slot.capacity:
                    status = Booking.Status.CONFIRMED
                    holders += 1
                else:
                    status = Booking.Status.WAITLISTED
                confirmed = status == Booking.Status.CONFIRMED
                attended = confirmed and past
                yield (
                    pk,
                    slot.pk,
                    None if guest else user_id,
                    f"Gæst {pk}" if guest else "",
                    f"guest{pk}@{GENERATED_EMAIL_DOMAIN}" if guest else "",
                    "da",
                    status,
                    sequence,
                    secrets.token_urlsafe(32),
                    created if guest else None,
                    created if confirmed else None,
                    now if status == Booking.Status.CANCELLED else None,
                    (
                        (
                            Booking.Attendance.ATTENDED
                            if rng.random() < 0.85
                            else Booking.Attendance.NO_SHOW
                        )
                        if attended
                        else Booking.Attendance.UNKNOWN
                    ),
                    slot.starts_at if attended else None,
                    slot.starts_at - timedelta(hours=24) if attended else None,
                    created,
                    created,
                )
                pk += 1
            arrivals[slot.pk] = count

    written = insert_rows(Booking, BOOKING_COLUMNS, rows())
    progress("Arrival counters of the slots")
    _set_arrivals(arrivals)
    return written


def _set_arrivals(arrivals: dict[int, int]) -> None:
    """Every slot's ``arrivals`` is the number of bookings that entered it, so the next
    sign-up through the services continues the arrival numbers."""
    table = connection.ops.quote_name(Slot._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            booking_table = connection.ops.quote_name(Booking._meta.db_table)
            cursor.execute(
                f"UPDATE {table} AS slot SET arrivals = counted.n FROM "  # noqa: S608
                f"(SELECT slot_id, MAX(sequence) AS n FROM {booking_table} "
                f"WHERE slot_id = ANY(%s) GROUP BY slot_id) AS counted "
                "WHERE slot.id = counted.slot_id",
                [list(arrivals)],
            )
        else:
            cursor.executemany(
                f"UPDATE {table} SET arrivals = %s WHERE id = %s",  # noqa: S608
                [(count, pk) for pk, count in arrivals.items()],
            )


# ----------------------------------------------------------------------------------------
# The volunteering half: ``generate`` calls ``generate_volunteering`` after the
# organisations, people and activities.
#
# It writes, for a scale's ``opportunities``, ``shifts`` and ``needs``:
#
# - volunteer profiles for one in ten of the generated people (interests, skills, towns,
#   weekly availability, languages, alert preferences);
# - opportunities of the generated organisations (a third ongoing roles, the rest one-off
#   tasks; titles in Danish and English, descriptions too except three in ten in Danish
#   only; in a town, some with their own coordinates, about one in ten from home; focus
#   areas of their organisation, skills, interests, languages), all published;
# - their shifts (ongoing roles weekly or every other week from up to four months ago, many
#   shifts each; one-off tasks a few, on scattered days from four months ago to eight months
#   ahead; some roles, such as visiting friends, have none), each with its booking slot of
#   1–10 places and the sign-ups on it: some full, some with a waiting list (only before the
#   start), some cancelled by their volunteer, one shift in fifty cancelled;
# - for shifts that have ended: attendance (attended or no-show for every confirmed
#   volunteer), the shift closed, and one approved hours entry per attended booking (the
#   shift's length on its local date), thanked; plus hours the volunteers logged themselves,
#   most recent ones waiting for approval, older ones approved or not approved;
# - needs (short-notice tasks) in the coming three weeks and the past two months, each with
#   its slot (places = people needed, no waiting list) and the volunteers who accepted.
#
# The rows are what the services would have produced (see ``samskab.volunteering.services``,
# ``samskab.needs.services`` and the booking engine):
#
# - every shift and need owns exactly one slot, with its times;
# - in every slot, bookings carry arrival numbers 1..n and ``arrivals`` is n; the confirmed
#   bookings never exceed the capacity, people wait only when every place is taken, and a
#   cancelled slot has only cancelled bookings;
# - a person has at most one active booking per slot; visitors without an account (a few
#   per cent of shift sign-ups) give a name and an address at ``generated.invalid``;
# - reminders that were due are marked sent, so the background worker does not send a burst
#   of them to invented people;
# - a need is open while a place is free and filled when every place is taken; needs that
#   have started are closed, and a cancelled need has a cancelled slot.
#
# Reproducible: the same seed gives the same rows, except the secret tokens (booking links,
# check-in secrets), which always come from ``secrets``. Rows are written with
# ``insert_rows`` (COPY on PostgreSQL), with ids chosen here;
# the caller moves the sequences past them (``MODELS_WITH_CHOSEN_IDS``). Neither services
# nor signals run, so what they would derive is not written: børneattest statuses, the alerts
# about needs, emails. On SQLite ``bulk_create`` stamps ``created_at`` and ``updated_at``
# with the time of writing.

# Share of the generated people who have a volunteer profile.
PROFILE_SHARE = 0.1
# Share of shift sign-ups by visitors without an account.
GUEST_SHARE = 0.03
# Share of sign-ups by people with a volunteer profile (the rest: anyone).
VOLUNTEER_SHARE = 0.85
# Logged hours: one entry for this many shifts.
SHIFTS_PER_LOGGED_ENTRY = 20
# Share of opportunities that are ongoing roles (the rest: one-off tasks).
ONGOING_SHARE = 1 / 3
# Opportunities handled (with their shifts, sign-ups and hours) per batch of inserts.
OPPORTUNITY_BATCH = 1_000

# The caller resets these tables' sequences: their ids are chosen here.
MODELS_WITH_CHOSEN_IDS = [Opportunity, Shift, Slot, Booking, HoursEntry, VolunteerProfile, Need]

ONGOING = Opportunity.Kind.ONGOING
AD_HOC = Opportunity.Kind.AD_HOC
BOOKED = Booking.Status
ATTENDANCE = Booking.Attendance


@dataclass(frozen=True)
class OpportunityTemplate:
    title: tuple[str, str]
    kind: str
    description: tuple[str, str]
    skills: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    # Languages spoken besides Danish.
    languages: tuple[str, ...] = ()
    place: str = ""
    from_home: bool = False
    has_shifts: bool = True
    involves_children: bool = False
    minimum_age: int | None = None
    starts: tuple[time, ...] = (time(10), time(13), time(16))
    hours: tuple[float, ...] = (2, 3)


# Realistic values after the demo (samskab/volunteering/demo.py).
OPPORTUNITY_TEMPLATES = [
    OpportunityTemplate(
        title=("Køkkenhjælp til fællesspisning", "Kitchen help for a shared meal"),
        kind=AD_HOC,
        description=(
            "Vi laver aftensmad til 80 gæster. Hjælp med at skrælle, røre og dække bord, og "
            "spis selv med bagefter. Ingen erfaring nødvendig.",
            "We cook dinner for 80 guests. Help peel, stir and lay the tables, and eat with us "
            "afterwards. No experience needed.",
        ),
        skills=("cooking",),
        interests=("food",),
        place="Medborgerhuset",
        starts=(time(16), time(16, 30)),
        hours=(3, 4),
    ),
    OpportunityTemplate(
        title=("Frivillig i caféen", "Volunteer in the café"),
        kind=ONGOING,
        description=(
            "Tag imod gæsterne i vores café, lav kaffe og få en snak med dem, der kigger forbi. "
            "En vagt om ugen eller hver anden – du vælger selv.",
            "Welcome guests in our café, make coffee and chat with people who drop in. One "
            "shift a week or every other week – you choose.",
        ),
        skills=("conversation", "cooking"),
        interests=("food", "conversation"),
        languages=("en",),
        place="Frivilligcentret",
        starts=(time(10), time(13)),
        hours=(3,),
    ),
    OpportunityTemplate(
        title=("Lektiecafé-hjælper", "Homework café helper"),
        kind=ONGOING,
        description=(
            "Hjælp skolebørn fra 4. til 9. klasse med lektierne – mest dansk, matematik og "
            "engelsk. Du skal ikke kunne det hele; det vigtigste er ro og tålmodighed.",
            "Help school children from year 4 to 9 with their homework – mostly Danish, maths "
            "and English. You do not need to know it all; calm and patience matter most.",
        ),
        skills=("homework-help",),
        interests=("books",),
        languages=("en",),
        place="Biblioteket",
        involves_children=True,
        minimum_age=16,
        starts=(time(15),),
        hours=(2,),
    ),
    OpportunityTemplate(
        title=("Besøgsven for en ældre borger", "Visiting friend for an older resident"),
        kind=ONGOING,
        description=(
            "Besøg en ældre borger, der sidder meget alene, omkring en gang om ugen: en kop "
            "kaffe, en gåtur eller et spil kort.",
            "Visit an older resident who is often alone, about once a week: a cup of coffee, "
            "a walk or a game of cards.",
        ),
        skills=("conversation",),
        interests=("conversation", "games"),
        has_shifts=False,
    ),
    OpportunityTemplate(
        title=("Telefonven", "Telephone friend"),
        kind=ONGOING,
        description=(
            "Ring til en ældre borger en eller to gange om ugen og få en god snak. Du kan gøre "
            "det hjemmefra, når det passer dig.",
            "Call an older resident once or twice a week for a good chat. You can do it from "
            "home, when it suits you.",
        ),
        skills=("conversation",),
        interests=("conversation",),
        from_home=True,
        has_shifts=False,
    ),
    OpportunityTemplate(
        title=("Strandrens", "Beach clean-up"),
        kind=AD_HOC,
        description=(
            "Saml skrald med os i tre timer. Vi har handsker, tænger og sække; tag tøj på "
            "efter vejret. Børn er velkomne sammen med en voksen.",
            "Pick up litter with us for three hours. We have gloves, grabbers and bags; dress "
            "for the weather. Children are welcome with an adult.",
        ),
        interests=("nature",),
        languages=("en", "de"),
        place="Stranden",
        starts=(time(10),),
        hours=(3,),
    ),
    OpportunityTemplate(
        title=("Haveholder i byhaven", "Gardener in the town garden"),
        kind=ONGOING,
        description=(
            "Så, luk og høst sammen med naboerne i byhaven. Vi mødes om aftenen og deler det, "
            "vi høster.",
            "Sow, weed and harvest with the neighbours in the town garden. We meet in the "
            "evening and share what we grow.",
        ),
        skills=("gardening",),
        interests=("gardening", "nature"),
        place="Byhaven",
        starts=(time(17),),
        hours=(2,),
    ),
    OpportunityTemplate(
        title=("Reparatør i Repair Café", "Fixer at the Repair Café"),
        kind=ONGOING,
        description=(
            "Hjælp naboerne med at reparere cykler, lamper, tøj og småt elektronik, så færre "
            "ting bliver smidt ud.",
            "Help neighbours repair bikes, lamps, clothes and small electronics, so fewer "
            "things are thrown away.",
        ),
        skills=("repairs",),
        interests=("arts-and-crafts",),
        place="Kulturhuset",
        starts=(time(10),),
        hours=(4,),
    ),
    OpportunityTemplate(
        title=("Hjælper ved byfesten", "Helper at the town festival"),
        kind=AD_HOC,
        description=(
            "Byfesten har brug for hjælp til at vise vej, sælge billetter og rydde op. Du får "
            "en T-shirt og mad undervejs.",
            "The town festival needs help showing the way, selling tickets and tidying up. You "
            "get a T-shirt and food along the way.",
        ),
        skills=("events",),
        interests=("culture", "music"),
        languages=("en", "de"),
        place="Torvet",
        minimum_age=15,
        starts=(time(9), time(14)),
        hours=(3, 4),
    ),
    OpportunityTemplate(
        title=("Sprogven i sprogcaféen", "Language friend at the language café"),
        kind=ONGOING,
        description=(
            "Tal dansk med voksne, der er ved at lære sproget. Du skal bare kunne lide at "
            "snakke og lytte – der er ingen undervisning.",
            "Speak Danish with adults who are learning the language. You just need to enjoy "
            "talking and listening – there is no teaching.",
        ),
        skills=("conversation",),
        interests=("conversation",),
        languages=("en", "uk", "ar"),
        place="Biblioteket",
        starts=(time(16, 30),),
        hours=(1.5,),
    ),
    OpportunityTemplate(
        title=("Chauffør til indkøbstur", "Driver for a shopping trip"),
        kind=AD_HOC,
        description=(
            "Ældre borgere uden bil skal handle ind. Du kører foreningens minibus (almindeligt "
            "kørekort er nok) og hjælper med poserne.",
            "Older residents without a car need to do their shopping. You drive the "
            "association's minibus (an ordinary driving licence is enough) and help with the "
            "bags.",
        ),
        skills=("driving-licence",),
        interests=("well-being",),
        place="Aktivitetscentret",
        starts=(time(10), time(13)),
        hours=(2,),
    ),
    OpportunityTemplate(
        title=("IT-hjælper for seniorer", "Digital helper for seniors"),
        kind=ONGOING,
        description=(
            "Hjælp seniorer med MitID, e-Boks og telefonen. Tålmodighed betyder mere end "
            "ekspertviden.",
            "Help seniors with MitID, e-Boks and their phones. Patience matters more than "
            "expertise.",
        ),
        skills=("digital-help",),
        interests=("digital-help",),
        place="Biblioteket",
        starts=(time(10), time(14)),
        hours=(2,),
    ),
    OpportunityTemplate(
        title=("Træner for et børnehold", "Coach for a children's team"),
        kind=ONGOING,
        description=(
            "Træn et hold børn på 7–10 år en gang om ugen sammen med en erfaren træner. Vi "
            "giver dig et trænerkursus.",
            "Coach a team of children aged 7–10 once a week with an experienced coach. We "
            "give you a coaching course.",
        ),
        skills=("sports-coaching", "first-aid"),
        interests=("exercise",),
        place="Hallen",
        involves_children=True,
        minimum_age=18,
        starts=(time(16, 30), time(17)),
        hours=(1.5, 2),
    ),
    OpportunityTemplate(
        title=("Bær stole til koncert", "Carry chairs for a concert"),
        kind=AD_HOC,
        description=(
            "Der er gratis koncert, og 200 stole skal stilles op og tages ned igen. Det tager "
            "to timer, og der er kaffe og kage.",
            "There is a free concert, and 200 chairs must be set out and put away again. It "
            "takes two hours, and there is coffee and cake.",
        ),
        skills=("practical-help",),
        interests=("music",),
        languages=("en",),
        place="Kulturhuset",
        starts=(time(10), time(18)),
        hours=(2,),
    ),
    OpportunityTemplate(
        title=("Kasserer i foreningen", "Treasurer for the association"),
        kind=ONGOING,
        description=(
            "Hold styr på foreningens regnskab og medlemskontingenter. Det meste kan klares "
            "hjemmefra et par timer om måneden.",
            "Keep the association's accounts and membership fees. Most of it can be done from "
            "home a couple of hours a month.",
        ),
        skills=("accounting",),
        from_home=True,
        has_shifts=False,
    ),
    OpportunityTemplate(
        title=("Opsætning af kunstudstilling", "Setting up an art exhibition"),
        kind=AD_HOC,
        description=(
            "Hjælp med at hænge billeder op og stille sokler til udstillingen. Vi viser, "
            "hvordan det gøres.",
            "Help hang pictures and set out plinths for the exhibition. We show you how.",
        ),
        skills=("practical-help", "arts-and-crafts"),
        interests=("arts-and-crafts", "culture"),
        place="Kulturhuset",
        starts=(time(9), time(13)),
        hours=(3,),
    ),
]

ONGOING_TEMPLATES = [t for t in OPPORTUNITY_TEMPLATES if t.kind == ONGOING]
AD_HOC_TEMPLATES = [t for t in OPPORTUNITY_TEMPLATES if t.kind == AD_HOC]


@dataclass(frozen=True)
class NeedTemplate:
    """``{n}`` is the number of people; ``{people}`` "person" or "people"."""

    title: tuple[str, str]
    description: tuple[str, str]
    skills: tuple[str, ...] = ()
    place: str = ""
    people: int | None = None
    on_behalf_of_citizen: bool = False


# Realistic values after the demo (samskab/needs/demo.py).
NEED_TEMPLATES = [
    NeedTemplate(
        title=("{n} til at bære stole", "{n} {people} to carry chairs"),
        description=(
            "Vi har koncert i salen og skal have stillet 80 stole op. Det tager et par timer "
            "med godt selskab og kaffe bagefter. Tag gerne arbejdshandsker med.",
            "We have a concert in the hall and need 80 chairs set out. It takes a couple of "
            "hours in good company, with coffee afterwards. Bring work gloves if you have "
            "them.",
        ),
        skills=("practical-help",),
        place="Biblioteket",
    ),
    NeedTemplate(
        title=("{n} til strandrensning", "{n} {people} for a beach clean-up"),
        description=(
            "Efter stormen ligger der meget affald på stranden. Vi har sække, tænger og "
            "handsker til alle.",
            "After the storm there is a lot of rubbish on the beach. We have bags, grabbers "
            "and gloves for everyone.",
        ),
        place="Stranden",
    ),
    NeedTemplate(
        title=("Chauffør til indkøbstur for ældre", "Driver for a shopping trip with seniors"),
        description=(
            "Tre ældre borgere skal handle ind og har ingen bil. Du kører foreningens minibus "
            "og hjælper med poserne.",
            "Three older residents need to do their shopping and have no car. You drive the "
            "association's minibus and help with the bags.",
        ),
        skills=("driving-licence",),
        place="Aktivitetscentret",
        people=1,
    ),
    NeedTemplate(
        title=("{n} til at sætte borde op til byfesten", "{n} {people} to set up tables"),
        description=(
            "Byfesten skal have borde og bænke op i teltet om eftermiddagen.",
            "The town party needs tables and benches set up in the marquee in the afternoon.",
        ),
        place="Torvet",
    ),
    NeedTemplate(
        title=("Hjælp til at bære en sofa op", "Help to carry a sofa upstairs"),
        description=(
            "En ældre borger har fået en ny sofa leveret ved hoveddøren og kan ikke selv få "
            "den op. Det tager en halv time for to personer.",
            "An older resident has had a new sofa delivered at the front door and cannot get "
            "it upstairs alone. It takes two people half an hour.",
        ),
        skills=("practical-help",),
        people=2,
        on_behalf_of_citizen=True,
    ),
    NeedTemplate(
        title=("{n} til at bage kage til loppemarkedet", "{n} {people} to bake for a flea market"),
        description=(
            "Bag en kage derhjemme og tag den med til loppemarkedet. Overskuddet går til "
            "foreningens sommerlejr.",
            "Bake a cake at home and bring it to the flea market. The profit goes to the "
            "association's summer camp.",
        ),
        skills=("cooking",),
        place="Forsamlingshuset",
    ),
    NeedTemplate(
        title=("Tolk til et forældremøde", "Interpreter for a parents' meeting"),
        description=(
            "Et forældremøde på skolen har brug for en tolk mellem dansk og arabisk i to timer.",
            "A parents' meeting at the school needs an interpreter between Danish and Arabic "
            "for two hours.",
        ),
        skills=("translation",),
        place="Skolen",
        people=1,
    ),
    NeedTemplate(
        title=("{n} til at rydde op efter stormen", "{n} {people} to clear up after the storm"),
        description=(
            "Grene og blade ligger over stierne i parken. Tag handsker og en rive med, hvis du "
            "har.",
            "Branches and leaves cover the paths in the park. Bring gloves and a rake if you "
            "have them.",
        ),
        skills=("gardening",),
        place="Parken",
    ),
]

ABOUT_TEXTS = [
    "Nybagt pensionist med kørekort og god tid. Jeg kan lide at bage og at være ude i naturen.",
    "Studerende, der gerne vil hjælpe et par timer om ugen.",
    "Jeg har arbejdet som pædagog og vil gerne bruge mine erfaringer med børn.",
    "Ny i byen og vil gerne møde nogen og gøre noget nyttigt.",
]
LOGGED_TEXTS = [
    "Bagte kager og hjalp ved loppemarkedet.",
    "Hjalp med at pakke julekurve til familier.",
    "Oversatte en invitation til engelsk og polsk.",
    "Ringede rundt til medlemmerne om generalforsamlingen.",
    "Kørte en ældre borger til lægen.",
    "Satte borde op til sommerfesten.",
]
LOGGED_HOURS = [Decimal("1"), Decimal("1.5"), Decimal("2"), Decimal("2.5"), Decimal("3")]
PEOPLE_NEEDED = [1, 1, 2, 2, 2, 3, 3, 4, 5, 6]

OPPORTUNITY_COLUMNS = [
    "id",
    "organisation_id",
    "kind",
    "initiative_id",
    "title",
    "title_da",
    "title_en",
    "slug",
    "description",
    "description_da",
    "description_en",
    "minimum_age",
    "involves_children",
    "from_home",
    "place_name",
    "street",
    "postcode",
    "town_id",
    "latitude",
    "longitude",
    "contact_person_id",
    "contact_phone",
    "is_published",
    "created_by_id",
    "created_at",
    "updated_at",
]
SHIFT_COLUMNS = [
    "id",
    "opportunity_id",
    "starts_at",
    "ends_at",
    "place",
    "note",
    "note_da",
    "note_en",
    "check_in_secret",
    "closed_at",
    "closed_by_id",
    "created_at",
]
SLOT_COLUMNS = [
    "id",
    "content_type_id",
    "object_id",
    "starts_at",
    "ends_at",
    "capacity",
    "auto_confirm_waitlist",
    "waitlist_enabled",
    "reminder_before",
    "arrivals",
    "cancelled_at",
    "cancellation_reason",
    "cancelled_by_id",
    "created_at",
    "updated_at",
]
HOURS_COLUMNS = [
    "id",
    "volunteer_id",
    "person_key",
    "organisation_id",
    "opportunity_id",
    "shift_id",
    "booking_id",
    "source",
    "date",
    "hours",
    "description",
    "status",
    "claimed_hours",
    "review_note",
    "reviewed_by_id",
    "reviewed_at",
    "thanked_at",
    "created_at",
]
PROFILE_COLUMNS = [
    "id",
    "user_id",
    "availability",
    "about",
    "phone",
    "ad_hoc_alerts",
    "max_alerts_per_week",
    "quiet_hours_start",
    "quiet_hours_end",
    "share_phone",
    "share_profile",
    "created_at",
    "updated_at",
]
NEED_COLUMNS = [
    "id",
    "organisation_id",
    "posted_by_id",
    "on_behalf_of_citizen",
    "title",
    "title_da",
    "title_en",
    "slug",
    "description",
    "description_da",
    "description_en",
    "involves_children",
    "from_home",
    "place_name",
    "street",
    "postcode",
    "town_id",
    "starts_at",
    "ends_at",
    "contact_person_id",
    "contact_phone",
    "status",
    "closed_at",
    "cancelled_at",
    "cancellation_reason",
    "created_at",
    "updated_at",
]


def generate_volunteering(
    *, scale, seed: int, reference, organisations, user_ids: list[int], now, progress
) -> dict:
    """Write the volunteering half of ``scale`` (its ``opportunities``, ``shifts`` and
    ``needs``) for the generated ``organisations`` (``pk``, ``town``, ``focus_areas``) and
    people (``user_ids``), inside the caller's transaction. ``reference`` holds the towns,
    focus areas, interests (by slug) and languages (by code). Returns the counts written."""
    if not (scale.opportunities or scale.needs) or not organisations:
        return {}
    generator = VolunteeringGenerator(
        seed=seed,
        reference=reference,
        organisations=organisations,
        now=now,
        one_off_days=scale.one_off_days,
    )
    counts = {}
    progress(f"{round(len(user_ids) * PROFILE_SHARE):,} volunteer profiles")
    counts["volunteer profiles"] = generator.profiles(user_ids)
    progress(
        f"{scale.opportunities:,} opportunities, {scale.shifts:,} shifts with their slots, "
        "sign-ups, attendance and hours"
    )
    counts.update(generator.opportunities_and_shifts(scale.opportunities, scale.shifts))
    # Written without signals: the lists' summaries of coming shifts at once.
    upcoming.refresh_all(now=now)
    progress("Hours logged by volunteers")
    counts["logged hours"] = generator.logged_hours(scale.shifts // SHIFTS_PER_LOGGED_ENTRY)
    progress(f"{scale.needs:,} needs with their slots and acceptances")
    counts.update(generator.needs(scale.needs))
    return counts


@dataclass
class GeneratedOpportunity:
    pk: int
    organisation_id: int
    template: OpportunityTemplate
    created_at: datetime
    shifts: int = 0


@dataclass
class PlannedArrival:
    status: str
    # A cancelled booking that held a place before it was cancelled.
    held_place: bool = False


def _m2m_columns(model, name: str) -> tuple[type, list[str]]:
    field = model._meta.get_field(name)
    return field.remote_field.through, [field.m2m_column_name(), field.m2m_reverse_name()]


class VolunteeringGenerator:
    def __init__(self, *, seed: int, reference, organisations, now, one_off_days=(-120, 240)):
        # Reproducible synthetic data, not secrets: the tokens come from ``secrets``.
        self.rng = random.Random(f"volunteering-{seed}")  # noqa: S311
        self.now = now
        self.today = timezone.localdate(now)
        self.one_off_days = range(*one_off_days)
        self.reference = reference
        self.organisations = organisations
        self.towns = reference.towns
        self.skills = {skill.slug: skill for skill in Skill.objects.order_by("pk")}
        self.skill_list = list(self.skills.values())
        self.interest_list = sorted(reference.interests.values(), key=lambda i: i.pk)
        self.languages = reference.languages
        self.other_languages = sorted(
            (lang for code, lang in reference.languages.items() if code not in ("da", "en")),
            key=lambda lang: lang.pk,
        )
        self.shift_type = ContentType.objects.get_for_model(Shift)
        self.need_type = ContentType.objects.get_for_model(Need)
        self.reminder_before = booking_conf.reminder_before()
        self.everyone: list[int] = []
        self.volunteers: list[int] = []
        self.opportunities: list[GeneratedOpportunity] = []
        self.next_slot = next_id(Slot)
        self.next_booking = next_id(Booking)
        self.next_hours = next_id(HoursEntry)

    # --- people -------------------------------------------------------------------------------

    def profiles(self, user_ids: list[int]) -> int:
        rng = self.rng
        self.everyone = list(user_ids)
        count = round(len(user_ids) * PROFILE_SHARE)
        self.volunteers = sorted(rng.sample(self.everyone, k=count))
        first = next_id(VolunteerProfile)
        rows = []
        relations = {"towns": [], "interests": [], "skills": [], "languages": []}
        danish, english = self.languages.get("da"), self.languages.get("en")
        for offset, user_id in enumerate(self.volunteers):
            pk = first + offset
            availability = (
                []
                if rng.random() < 0.25
                else sorted(
                    rng.sample(AVAILABILITY_CODES, k=rng.randint(2, 10)),
                    key=AVAILABILITY_CODES.index,
                )
            )
            phone = (
                f"+45 {rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
                f"{rng.randint(10, 99)}"
                if rng.random() < 0.4
                else ""
            )
            quiet = rng.random()
            quiet_start, quiet_end = (
                (time(21), time(8))
                if quiet < 0.8
                else (time(22), time(7))
                if quiet < 0.9
                else (None, None)
            )
            created = self.now - timedelta(days=rng.randint(1, 400))
            rows.append(
                (
                    pk,
                    user_id,
                    availability,
                    rng.choice(ABOUT_TEXTS) if rng.random() < 0.3 else "",
                    phone,
                    rng.random() < 0.45,
                    rng.choice([1, 2, 3, 3, 3, 5, 7]),
                    quiet_start,
                    quiet_end,
                    bool(phone) and rng.random() < 0.3,
                    rng.random() < 0.85,
                    created,
                    created,
                )
            )
            if rng.random() >= 0.1:  # else: no towns, "anywhere"
                for town in rng.sample(self.towns, k=min(len(self.towns), rng.randint(1, 3))):
                    relations["towns"].append((pk, town.pk))
            for interest in rng.sample(
                self.interest_list, k=min(len(self.interest_list), rng.randint(1, 4))
            ):
                relations["interests"].append((pk, interest.pk))
            skill_count = min(len(self.skill_list), rng.randint(0, 4))
            for skill in rng.sample(self.skill_list, k=skill_count):
                relations["skills"].append((pk, skill.pk))
            spoken = []
            if danish and rng.random() < 0.97:
                spoken.append(danish)
            if english and rng.random() < 0.45:
                spoken.append(english)
            if self.other_languages and rng.random() < 0.12:
                spoken.append(rng.choice(self.other_languages))
            relations["languages"].extend((pk, language.pk) for language in spoken)
        written = insert_rows(VolunteerProfile, PROFILE_COLUMNS, rows)
        for name, pairs in relations.items():
            insert_rows(*_m2m_columns(VolunteerProfile, name), pairs)
        return written

    def _people(self, count: int, *, guests: bool) -> list[int | None]:
        """``count`` different people for one slot (None: a visitor without an account);
        fewer when there are not enough people and visitors are not allowed."""
        rng = self.rng
        chosen, taken = [], set()
        while len(chosen) < count:
            draw = rng.random()
            if len(taken) >= len(self.everyone) or (guests and draw < GUEST_SHARE):
                if not guests:
                    break
                chosen.append(None)
                continue
            pool = self.volunteers if self.volunteers and draw < VOLUNTEER_SHARE else self.everyone
            user_id = rng.choice(pool)
            if user_id not in taken:
                taken.add(user_id)
                chosen.append(user_id)
        return chosen

    # --- opportunities and shifts -------------------------------------------------------------

    def opportunities_and_shifts(self, total_opportunities: int, total_shifts: int) -> dict:
        rng = self.rng
        first = next_id(Opportunity)
        first_shift = next_id(Shift)
        rows = []
        relations = {"focus_areas": [], "skills": [], "interests": [], "languages": []}
        organisations = self.organisations
        danish, english = self.languages.get("da"), self.languages.get("en")
        for offset in range(total_opportunities):
            pk = first + offset
            organisation = organisations[rng.randrange(len(organisations))]
            template = rng.choice(
                ONGOING_TEMPLATES if rng.random() < ONGOING_SHARE else AD_HOC_TEMPLATES
            )
            from_home = template.from_home or rng.random() < 0.05
            town = None
            if not from_home:
                town = organisation.town if rng.random() < 0.7 else rng.choice(self.towns)
            created = self.now - timedelta(days=rng.randint(130, 500))
            self.opportunities.append(GeneratedOpportunity(pk, organisation.pk, template, created))
            title_da, title_en = template.title
            if town is not None:
                title_da, title_en = f"{title_da} i {town.name}", f"{title_en} in {town.name}"
            text_da, text_en = template.description
            if rng.random() < 0.3:
                text_en = ""  # Danish only: English pages fall back to it
            own_place = town is not None and rng.random() < 0.2
            rows.append(
                (
                    pk,
                    organisation.pk,
                    template.kind,
                    None,
                    title_da,
                    title_da,
                    title_en,
                    slugify_da(title_da, max_length=160),
                    text_da,
                    text_da,
                    text_en,
                    template.minimum_age,
                    template.involves_children,
                    from_home,
                    f"{template.place} i {town.name}" if town and template.place else "",
                    f"{rng.choice(STREETS)} {rng.randint(1, 80)}" if town else "",
                    town.postcode if town else "",
                    town.pk if town else None,
                    round(town.latitude + rng.uniform(-0.01, 0.01), 6) if own_place else None,
                    round(town.longitude + rng.uniform(-0.015, 0.015), 6) if own_place else None,
                    None,
                    "",
                    True,
                    None,
                    created,
                    created,
                )
            )
            areas = organisation.focus_areas
            for area in rng.sample(areas, k=rng.randint(1, min(2, len(areas)))):
                relations["focus_areas"].append((pk, area.pk))
            for slug in template.skills:
                if slug in self.skills:
                    relations["skills"].append((pk, self.skills[slug].pk))
            for slug in template.interests:
                if slug in self.reference.interests:
                    relations["interests"].append((pk, self.reference.interests[slug].pk))
            spoken = [danish] if danish else []
            for code in template.languages:
                if code in self.languages and (code != "en" or rng.random() < 0.7):
                    spoken.append(self.languages[code])
            if english and english not in spoken and text_en and rng.random() < 0.3:
                spoken.append(english)
            relations["languages"].extend((pk, language.pk) for language in spoken)
        written = insert_rows(Opportunity, OPPORTUNITY_COLUMNS, rows)
        for name, pairs in relations.items():
            insert_rows(*_m2m_columns(Opportunity, name), pairs)

        self._share_shifts(total_shifts)
        counts = {"shifts": 0, "shift sign-ups": 0, "hours entries from shifts": 0}
        shift_id = first_shift
        for start in range(0, len(self.opportunities), OPPORTUNITY_BATCH):
            batch = self.opportunities[start : start + OPPORTUNITY_BATCH]
            shift_id, batch_counts = self._write_shifts(batch, shift_id)
            for key, value in batch_counts.items():
                counts[key] += value
        return {"opportunities": written, **counts}

    def _share_shifts(self, total: int) -> None:
        """How many shifts each opportunity gets: ongoing roles many, one-off tasks a few,
        roles without shifts none; exactly ``total`` in all (one each at least while there
        are enough)."""
        rng = self.rng
        eligible = [o for o in self.opportunities if o.template.has_shifts]
        if not eligible or total <= 0:
            return
        if total < len(eligible):
            for opportunity in rng.sample(eligible, k=total):
                opportunity.shifts = 1
            return
        weights = [
            (2.5 if o.template.kind == ONGOING else 0.4) * rng.uniform(0.5, 1.5) for o in eligible
        ]
        rest = total - len(eligible)
        share = rest / sum(weights)
        extra = [int(weight * share) for weight in weights]
        for index in rng.sample(range(len(eligible)), k=rest - sum(extra)):
            extra[index] += 1
        for opportunity, more in zip(eligible, extra, strict=True):
            opportunity.shifts = 1 + more

    def _shift_days(self, opportunity: GeneratedOpportunity) -> list[date]:
        rng = self.rng
        count = opportunity.shifts
        if opportunity.template.kind == ONGOING:
            # Weekly or every other week on one weekday, from up to four months ago.
            interval = 1 if rng.random() < 0.7 else 2
            start = self.today + timedelta(days=rng.randint(-120, 21))
            start += timedelta(days=(rng.randint(1, 7) - start.isoweekday()) % 7)
            return [start + timedelta(weeks=interval * n) for n in range(count)]
        # One-off tasks: scattered days, by default from four months ago to eight ahead.
        window = self.one_off_days
        offsets = rng.sample(window, k=min(count, len(window)))
        offsets += [rng.choice(window) for _ in range(count - len(offsets))]
        return [self.today + timedelta(days=offset) for offset in sorted(offsets)]

    def _write_shifts(self, batch, shift_id: int) -> tuple[int, dict]:
        rng, now = self.rng, self.now
        shifts, slots, bookings, hours = [], [], [], []
        for opportunity in batch:
            if not opportunity.shifts:
                continue
            template = opportunity.template
            start_time = rng.choice(template.starts)
            length = timedelta(hours=rng.choice(template.hours))
            end_time = (datetime.combine(self.today, start_time) + length).time()
            capacity = rng.randint(1, 10)
            auto_confirm = rng.random() < 0.15
            for day in self._shift_days(opportunity):
                starts_at = local_moment(day, start_time)
                ends_at = local_moment(day, end_time)
                created = max(
                    opportunity.created_at,
                    min(now, starts_at - timedelta(days=rng.randint(7, 45))),
                )
                finished = ends_at <= now
                cancelled_at = None
                if rng.random() < 0.02:
                    cancelled_at = min(now, starts_at - timedelta(days=1))
                    cancelled_at = max(cancelled_at, created + timedelta(hours=1))
                closed_at = (
                    min(ends_at + timedelta(hours=2), now)
                    if finished and cancelled_at is None
                    else None
                )
                plan = self._shift_plan(capacity, starts_at, cancelled=cancelled_at is not None)
                slot_id = self._next_slot()
                written = self._bookings(
                    slot_id,
                    plan,
                    starts_at=starts_at,
                    opened=created,
                    cancelled_at=cancelled_at,
                    closed_at=closed_at,
                    guests=True,
                    rows=bookings,
                )
                shifts.append(
                    (
                        shift_id,
                        opportunity.pk,
                        starts_at,
                        ends_at,
                        "",
                        "",
                        "",
                        "",
                        secrets.token_urlsafe(16),
                        closed_at,
                        None,
                        created,
                    )
                )
                slots.append(
                    (
                        slot_id,
                        self.shift_type.pk,
                        shift_id,
                        starts_at,
                        ends_at,
                        capacity,
                        auto_confirm,
                        True,
                        None,
                        len(written),
                        cancelled_at,
                        "Aflyst: for få tilmeldte." if cancelled_at else "",
                        None,
                        created,
                        cancelled_at or created,
                    )
                )
                if closed_at is not None:
                    duration = Decimal((ends_at - starts_at).total_seconds()) / Decimal(3600)
                    for booking_id, user_id, guest_email, marked_at in written:
                        if marked_at is None:
                            continue
                        hours.append(
                            (
                                self._next_hours(),
                                user_id,
                                f"user:{user_id}"
                                if user_id
                                else person_key_for_booking(Booking(guest_email=guest_email)),
                                opportunity.organisation_id,
                                opportunity.pk,
                                shift_id,
                                booking_id,
                                HoursEntry.Source.SHIFT,
                                day,
                                duration.quantize(Decimal("0.01")),
                                "",
                                HoursEntry.Status.APPROVED,
                                None,
                                "",
                                None,
                                marked_at,
                                closed_at,
                                marked_at,
                            )
                        )
                shift_id += 1
        insert_rows(Shift, SHIFT_COLUMNS, shifts)
        insert_rows(Slot, SLOT_COLUMNS, slots)
        insert_rows(Booking, BOOKING_COLUMNS, bookings)
        insert_rows(HoursEntry, HOURS_COLUMNS, hours)
        return shift_id, {
            "shifts": len(shifts),
            "shift sign-ups": len(bookings),
            "hours entries from shifts": len(hours),
        }

    def _shift_plan(self, capacity: int, starts_at, *, cancelled: bool) -> list[PlannedArrival]:
        """Who arrives at a shift's slot, in order: places taken (all of them on some
        shifts), people waiting (only before the start, and only when every place is
        taken), and some who cancelled."""
        rng = self.rng
        if cancelled:
            return [PlannedArrival(BOOKED.CANCELLED, held_place=True)] * rng.randint(0, capacity)
        started = starts_at <= self.now
        draw = rng.random()
        waiting = 0
        if draw < (0.35 if started else 0.2):
            holders = capacity
        elif not started and draw < 0.35:
            holders, waiting = capacity, rng.randint(1, 3)
        elif starts_at - self.now > timedelta(days=30):
            holders = rng.randint(0, (capacity - 1) // 2)  # far ahead: fewer so far
        else:
            holders = rng.randint(0, capacity - 1)
        return self._arrivals(holders, waiting, cancel_share=0.06)

    def _arrivals(self, holders: int, waiting: int, *, cancel_share: float):
        rng = self.rng
        plan, placed, waited = [], 0, 0
        while placed < holders or waited < waiting:
            if rng.random() < cancel_share:
                # Signed up and cancelled before the next person came.
                plan.append(PlannedArrival(BOOKED.CANCELLED, held_place=placed < holders))
            elif placed < holders:
                plan.append(PlannedArrival(BOOKED.CONFIRMED))
                placed += 1
            else:
                plan.append(PlannedArrival(BOOKED.WAITLISTED))
                waited += 1
        return plan

    def _bookings(
        self,
        slot_id: int,
        plan: list[PlannedArrival],
        *,
        starts_at,
        opened,
        cancelled_at,
        closed_at,
        guests: bool,
        rows: list,
    ) -> list[tuple]:
        """Append the booking rows of one slot to ``rows``, arrival numbers 1..n in order of
        sign-up. Returns (booking id, user id, guest email, attendance marked at: for
        attended bookings only) per booking written."""
        rng, now = self.rng, self.now
        people = self._people(len(plan), guests=guests)
        plan = plan[: len(people)]
        closes = cancelled_at or min(starts_at, now)
        span = max((closes - opened).total_seconds(), 1)
        times = sorted(opened + timedelta(seconds=int(span * rng.random())) for _ in plan)
        remind_at = starts_at - self.reminder_before
        written = []
        for index, (planned, person) in enumerate(zip(plan, people, strict=True)):
            pk = self._next_booking()
            created = times[index]
            status = planned.status
            confirmed_at = cancelled = marked_at = reminder = None
            attendance = ATTENDANCE.UNKNOWN
            if status == BOOKED.CANCELLED:
                if cancelled_at is not None:
                    cancelled = cancelled_at
                else:
                    following = times[index + 1] if index + 1 < len(times) else closes
                    cancelled = created + (following - created) / 2
                confirmed_at = created if planned.held_place else None
            elif status == BOOKED.CONFIRMED:
                confirmed_at = created
                if created < remind_at <= now:
                    reminder = remind_at
                if closed_at is not None:
                    if rng.random() < 0.88:
                        attendance, marked_at = ATTENDANCE.ATTENDED, starts_at
                    else:
                        attendance, marked_at = ATTENDANCE.NO_SHOW, closed_at
            guest_email = f"guest{pk}@{GENERATED_EMAIL_DOMAIN}" if person is None else ""
            rows.append(
                (
                    pk,
                    slot_id,
                    person,
                    f"Gæst {pk}" if person is None else "",
                    guest_email,
                    "da",
                    status,
                    index + 1,
                    secrets.token_urlsafe(32),
                    created if person is None else None,
                    confirmed_at,
                    cancelled,
                    attendance,
                    marked_at,
                    reminder,
                    created,
                    max(moment for moment in (created, cancelled, marked_at, reminder) if moment),
                )
            )
            written.append(
                (
                    pk,
                    person,
                    guest_email,
                    marked_at if attendance == ATTENDANCE.ATTENDED else None,
                )
            )
        return written

    def _next_slot(self) -> int:
        self.next_slot += 1
        return self.next_slot - 1

    def _next_booking(self) -> int:
        self.next_booking += 1
        return self.next_booking - 1

    def _next_hours(self) -> int:
        self.next_hours += 1
        return self.next_hours - 1

    # --- logged hours ---------------------------------------------------------------------------

    def logged_hours(self, count: int) -> int:
        """Hours volunteers logged outside shifts: recent ones mostly waiting for approval,
        older ones approved (a few not)."""
        rng = self.rng
        if not self.volunteers or not self.opportunities:
            return 0
        rows = []
        for _ in range(count):
            opportunity = rng.choice(self.opportunities)
            days_ago = rng.randint(0, 90)
            day = self.today - timedelta(days=days_ago)
            logged_at = min(self.now, local_moment(day, time(20)))
            draw = rng.random()
            if days_ago <= 14:
                status = HoursEntry.Status.PENDING if draw < 0.8 else HoursEntry.Status.APPROVED
            elif draw < 0.85:
                status = HoursEntry.Status.APPROVED
            elif draw < 0.9:
                status = HoursEntry.Status.REJECTED
            else:
                status = HoursEntry.Status.PENDING
            reviewed_at = None
            if status != HoursEntry.Status.PENDING:
                reviewed_at = min(self.now, logged_at + timedelta(days=rng.randint(1, 5)))
            volunteer = rng.choice(self.volunteers)
            rows.append(
                (
                    self._next_hours(),
                    volunteer,
                    f"user:{volunteer}",
                    opportunity.organisation_id,
                    opportunity.pk if rng.random() < 0.5 else None,
                    None,
                    None,
                    HoursEntry.Source.LOGGED,
                    day,
                    rng.choice(LOGGED_HOURS),
                    rng.choice(LOGGED_TEXTS),
                    status,
                    None,
                    {
                        HoursEntry.Status.APPROVED: "Tak for hjælpen!",
                        HoursEntry.Status.REJECTED: "Det var ikke en opgave for os.",
                    }.get(status, ""),
                    None,
                    reviewed_at,
                    None,
                    logged_at,
                )
            )
        return insert_rows(HoursEntry, HOURS_COLUMNS, rows)

    # --- needs ----------------------------------------------------------------------------------

    def needs(self, total: int) -> dict:
        rng, now = self.rng, self.now
        first = next_id(Need)
        needs, slots, bookings = [], [], []
        relations = {"focus_areas": [], "skills": []}
        for offset in range(total):
            pk = first + offset
            organisation = self.organisations[rng.randrange(len(self.organisations))]
            template = rng.choice(NEED_TEMPLATES)
            people = template.people or rng.choice(PEOPLE_NEEDED)
            from_home = not template.on_behalf_of_citizen and rng.random() < 0.05
            town = None if from_home else rng.choice(self.towns)
            # Short notice: most in the coming three weeks, the rest in the past two months.
            if rng.random() < 0.7:
                day = self.today + timedelta(days=rng.randint(1, 21))
            else:
                day = self.today - timedelta(days=rng.randint(1, 60))
            start_time = rng.choice([time(9), time(10), time(13), time(14), time(16), time(17)])
            starts_at = local_moment(day, start_time)
            ends_at = local_moment(
                day, (datetime.combine(day, start_time) + timedelta(hours=rng.randint(1, 3))).time()
            )
            # Posted one to seven days before (within the last three days for coming ones).
            created = starts_at - timedelta(days=rng.randint(1, 7))
            if created >= now:
                created = now - timedelta(hours=rng.randint(1, 72))
            started = starts_at <= now
            cancelled_at = None
            if rng.random() < 0.03:
                cancelled_at = created + (min(starts_at, now) - created) / 2
            if cancelled_at is not None:
                plan = [PlannedArrival(BOOKED.CANCELLED, held_place=True)] * rng.randint(0, people)
            else:
                filled = rng.random() < (0.7 if started else 0.3)
                holders = people if filled else rng.randint(0, people - 1)
                plan = self._arrivals(holders, 0, cancel_share=0.08)
            slot_id = self._next_slot()
            written = self._bookings(
                slot_id,
                plan,
                starts_at=starts_at,
                opened=created,
                cancelled_at=cancelled_at,
                closed_at=None,
                guests=False,
                rows=bookings,
            )
            holding = sum(
                1
                for planned in plan[: len(written)]
                if planned.status in Booking.PLACE_HOLDING_STATUSES
            )
            if cancelled_at is not None:
                status = Need.Status.CANCELLED
            elif started:
                status = Need.Status.CLOSED
            elif holding >= people:
                status = Need.Status.FILLED
            else:
                status = Need.Status.OPEN
            n_da = str(people)
            title_da, title_en = template.title
            title_da = title_da.format(n=n_da)
            title_en = title_en.format(n=n_da, people="person" if people == 1 else "people")
            if town is not None:
                title_da, title_en = f"{title_da} i {town.name}", f"{title_en} in {town.name}"
            text_da, text_en = template.description
            citizen = template.on_behalf_of_citizen
            needs.append(
                (
                    pk,
                    organisation.pk,
                    None,
                    citizen,
                    title_da,
                    title_da,
                    title_en,
                    slugify_da(title_da, max_length=160, strip=False),
                    text_da,
                    text_da,
                    text_en,
                    False,
                    from_home,
                    f"{template.place} i {town.name}" if town and template.place else "",
                    f"{rng.choice(STREETS)} {rng.randint(1, 80)}" if town else "",
                    town.postcode if town else "",
                    town.pk if town else None,
                    starts_at,
                    ends_at,
                    None,
                    "",
                    status,
                    starts_at if status == Need.Status.CLOSED else None,
                    cancelled_at,
                    "Vi har fundet hjælp andetsteds." if cancelled_at else "",
                    created,
                    cancelled_at or (starts_at if started else created),
                )
            )
            slots.append(
                (
                    slot_id,
                    self.need_type.pk,
                    pk,
                    starts_at,
                    ends_at,
                    people,
                    False,
                    False,
                    None,
                    len(written),
                    cancelled_at,
                    "Vi har fundet hjælp andetsteds." if cancelled_at else "",
                    None,
                    created,
                    cancelled_at or created,
                )
            )
            areas = organisation.focus_areas
            for area in rng.sample(areas, k=rng.randint(1, min(2, len(areas)))):
                relations["focus_areas"].append((pk, area.pk))
            for slug in template.skills:
                if slug in self.skills:
                    relations["skills"].append((pk, self.skills[slug].pk))
        written = insert_rows(Need, NEED_COLUMNS, needs)
        insert_rows(Slot, SLOT_COLUMNS, slots)
        insert_rows(Booking, BOOKING_COLUMNS, bookings)
        for name, pairs in relations.items():
            insert_rows(*_m2m_columns(Need, name), pairs)
        return {"needs": written, "need acceptances": len(bookings)}


# ----------------------------------------------------------------------------------------
# The ideas half: ``generate`` calls ``generate_ideas`` last.
#
# It writes, for a scale's ``ideas``, ``idea_supports`` and ``idea_comments``:
#
# - ideas by the generated people over the last two years (one in ten in English), in one
#   or two focus areas, most in a town (some at a point on the map), some linked to an
#   initiative of their focus area; one idea is the municipality's long discussion, with
#   at least ``LONG_THREAD`` top-level comments (a thousand at the Esbjerg scale);
# - supports, a few ideas with very many and most with a few (one per person and idea);
# - comments and replies (two levels; a reply comes after its comment), a stance on some
#   comments, some deleted by their authors ("deleted" lines), official replies by
#   municipal staff when there is a staff member;
# - answers on a share of the ideas (more of those with the supports the promise names),
#   sometimes two versions ("under consideration", then the decision); the idea's status
#   is the last answer's, else "received";
# - offers of help on ideas accepted if citizens help;
# - moderation: nearly everything published; a few posts with a link held for review, a
#   few reported three times and hidden pending review, each with its open review (and
#   the reports).
#
# The rows are what the services would have produced (``samskab.ideas.services``,
# ``samskab.comments.services``, ``samskab.moderation.services``): ``supports_count`` is
# the idea's supports and ``comments_count`` its published, not deleted comments (replies
# included); ``answer_due_from`` is when the idea reached ``IDEAS_ANSWER_SUPPORTS``
# supports; ``answered_at`` and ``last_answered_at`` are its first and last answers; held
# ideas have no supports or comments; the author, the supporters and the commenters follow
# the idea; every idea is findable (``search_text``, and ``search_vector`` on PostgreSQL,
# filled with one UPDATE as ``ideas.services._index`` does for one idea). Notifications of
# the past are not written. On SQLite ``bulk_create`` stamps the ``auto_now_add`` times
# (an idea's, a support's, an answer's) with the time of writing.

# The long discussion's top-level comments (fewer at scales with fewer comments).
LONG_THREAD = 1_000
# Share of the long discussion's comments that are replies.
REPLY_SHARE = 0.25
# Ideas handled (with their supports, comments, answers) per batch of inserts.
IDEA_BATCH = 1_000
IDEA_DAYS = 730
IDEA_ENGLISH_SHARE = 0.1
IDEA_HELD_SHARE = 0.004
IDEA_HIDDEN_SHARE = 0.002
COMMENT_HELD_SHARE = 0.005
COMMENT_HIDDEN_SHARE = 0.003
COMMENT_DELETED_SHARE = 0.01
# Share of ideas answered: with the supports the promise names, and without.
ANSWERED_WITH_PROMISE = 0.85
ANSWERED_WITHOUT = 0.35
# The caller resets these tables' sequences: their ids are chosen here.
IDEA_MODELS_WITH_CHOSEN_IDS = [Idea, Comment]


@dataclass(frozen=True)
class IdeaTemplate:
    """``{town}`` is the idea's town (or the municipality's main town)."""

    title: tuple[str, str]
    text: tuple[str, str]


IDEA_TEMPLATES = [
    IdeaTemplate(
        ("Sikker cykelsti til skolen i {town}", "A safe cycle path to the school in {town}"),
        (
            "Børnene cykler langs en smal vej med lastbiler om morgenen. En adskilt cykelsti "
            "det sidste stykke til skolen ville få flere forældre til at lade bilen stå.",
            "The children cycle along a narrow road with lorries in the morning. A separate "
            "cycle path for the last stretch to the school would make more parents leave the "
            "car at home.",
        ),
    ),
    IdeaTemplate(
        ("Flere bænke langs stierne i {town}", "More benches along the paths in {town}"),
        (
            "Mange ældre går kun korte ture, fordi der ikke er steder at hvile sig. En bænk "
            "for hver 300 meter ville gøre en stor forskel.",
            "Many older people only take short walks because there is nowhere to rest. A "
            "bench every 300 metres would make a big difference.",
        ),
    ),
    IdeaTemplate(
        ("Fællesskabshave på den tomme grund i {town}", "A community garden on the empty plot"),
        (
            "Grunden ved boligområdet har ligget ubrugt i årevis. Lad beboerne dyrke "
            "grøntsager og blomster der, så naboer lærer hinanden at kende.",
            "The plot by the housing estate has been unused for years. Let the residents grow "
            "vegetables and flowers there, so neighbours get to know each other.",
        ),
    ),
    IdeaTemplate(
        ("Lys på cykelstien om vinteren i {town}", "Lights on the cycle path in winter"),
        (
            "Cykelstien er helt mørk fra oktober til marts. Solcellelamper eller lys i "
            "belægningen ville gøre turen hjem fra træning tryggere for de unge.",
            "The cycle path is completely dark from October to March. Solar lamps or lights in "
            "the surface would make the ride home from training safer for young people.",
        ),
    ),
    IdeaTemplate(
        ("Byttehylde på biblioteket i {town}", "A swap shelf at the library in {town}"),
        (
            "En hylde hvor man kan aflevere og tage bøger, spil og legetøj. Det koster næsten "
            "ingenting og giver tingene et liv mere.",
            "A shelf where you can leave and take books, games and toys. It costs almost "
            "nothing and gives things another life.",
        ),
    ),
    IdeaTemplate(
        ("Vinterbadning med sauna ved stranden", "Winter swimming with a sauna by the beach"),
        (
            "Flere og flere vinterbader, men der er ingen steder at varme sig. En lille sauna, "
            "som foreningerne kan drive sammen, ville samle folk hele året.",
            "More and more people swim in winter, but there is nowhere to warm up. A small "
            "sauna run jointly by the associations would bring people together all year.",
        ),
    ),
    IdeaTemplate(
        ("Gratis IT-hjælp for seniorer i {town}", "Free digital help for seniors in {town}"),
        (
            "Mange ældre har svært ved MitID og digital post. En fast ugentlig åben dør med "
            "frivillige hjælpere på biblioteket eller i aktivitetscentret ville hjælpe.",
            "Many older people struggle with MitID and digital post. A fixed weekly drop-in "
            "with volunteer helpers at the library or the activity centre would help.",
        ),
    ),
    IdeaTemplate(
        ("Legeplads for alle børn i {town}", "A playground for every child in {town}"),
        (
            "Legepladsen har ingen gynger eller karruseller, som børn i kørestol kan bruge. "
            "Gør den tilgængelig, når den alligevel skal renoveres.",
            "The playground has no swings or roundabouts that children in wheelchairs can use. "
            "Make it accessible when it is renovated anyway.",
        ),
    ),
    IdeaTemplate(
        ("Flere skraldespande ved stranden", "More bins by the beach"),
        (
            "Om sommeren flyder det med affald, fordi spandene er fulde. Flere spande og "
            "tømning i weekenden ville holde stranden ren.",
            "In summer litter is everywhere because the bins are full. More bins and emptying "
            "at weekends would keep the beach clean.",
        ),
    ),
    IdeaTemplate(
        ("Busforbindelse om aftenen til {town}", "Evening buses to {town}"),
        (
            "Den sidste bus går før klokken otte. Unge og ældre uden bil kan ikke komme hjem "
            "fra fritidsaktiviteter i byen. En time mere ville være nok.",
            "The last bus leaves before eight. Young and old people without a car cannot get "
            "home from activities in town. One more hour would be enough.",
        ),
    ),
    IdeaTemplate(
        ("Fællesspisning i forsamlingshuset", "Shared meals in the village hall"),
        (
            "En gang om måneden kunne vi lave mad sammen og spise ved lange borde. Det er en "
            "god måde at møde nye tilflyttere og dem, der bor alene.",
            "Once a month we could cook together and eat at long tables. It is a good way to "
            "meet newcomers and people who live alone.",
        ),
    ),
    IdeaTemplate(
        ("Repair café i {town}", "A repair café in {town}"),
        (
            "Et sted hvor man kan få repareret cykler, lamper og tøj i stedet for at smide "
            "det ud. Der bor mange med gode hænder, som gerne vil hjælpe.",
            "A place to get bikes, lamps and clothes repaired instead of throwing them away. "
            "Many people with skilled hands live here and would like to help.",
        ),
    ),
    IdeaTemplate(
        ("Shelterplads ved skoven", "Shelters by the woods"),
        (
            "Et par shelters og et bålsted ville give familier og spejdere et sted at "
            "overnatte tæt på byen. Foreningerne vil gerne passe pladsen.",
            "A couple of shelters and a fire pit would give families and scouts a place to "
            "stay overnight close to town. The associations would look after it.",
        ),
    ),
    IdeaTemplate(
        ("Sprogcafé for tilflyttere i {town}", "A language café for newcomers in {town}"),
        (
            "Mange, der flytter hertil for at arbejde, vil gerne lære dansk, men holdene er "
            "fulde. En uformel sprogcafé med frivillige ville hjælpe dem i gang.",
            "Many who move here for work want to learn Danish, but the classes are full. An "
            "informal language café with volunteers would help them get started.",
        ),
    ),
    IdeaTemplate(
        ("Lavere hastighed forbi skolen i {town}", "Lower speed past the school in {town}"),
        (
            "Bilerne kører for stærkt forbi skolen. En hastighedsgrænse på 40 og et par "
            "bump ville gøre skolevejen tryggere for de mindste.",
            "Cars drive too fast past the school. A speed limit of 40 and a couple of bumps "
            "would make the way to school safer for the youngest.",
        ),
    ),
    IdeaTemplate(
        ("Ladestandere ved hallen", "Charging points at the sports hall"),
        (
            "Der er ingen steder at lade elbilen, mens børnene træner. Et par ladestandere på "
            "parkeringspladsen ved hallen ville blive brugt hver dag.",
            "There is nowhere to charge the electric car while the children train. A couple "
            "of charging points in the car park by the hall would be used every day.",
        ),
    ),
    IdeaTemplate(
        ("Åbn skolens gymnastiksal om aftenen", "Open the school gym in the evenings"),
        (
            "Salen står tom efter klokken fire. Foreninger og grupper af naboer kunne bruge "
            "den til motion, hvis der var en enkel måde at booke den på.",
            "The hall stands empty after four o'clock. Associations and groups of neighbours "
            "could use it for exercise if there were a simple way to book it.",
        ),
    ),
    IdeaTemplate(
        ("Vandpost ved legepladsen i {town}", "A drinking fountain by the playground"),
        (
            "Om sommeren er der ingen steder at fylde vandflasker. En vandpost ved legepladsen "
            "og ved boldbanen ville glæde både børn og motionister.",
            "In summer there is nowhere to fill water bottles. A drinking fountain by the "
            "playground and the pitch would please children and runners alike.",
        ),
    ),
    IdeaTemplate(
        ("Besøgsvenner til ældre, der sidder alene", "Visiting friends for lonely seniors"),
        (
            "Mange ældre i {town} ser næsten ingen i løbet af ugen. Et netværk af besøgsvenner "
            "med en fast kontaktperson i kommunen kunne gøre en stor forskel.",
            "Many older people in {town} see almost nobody during the week. A network of "
            "visiting friends with a fixed contact at the municipality could make a big "
            "difference.",
        ),
    ),
    IdeaTemplate(
        ("Blomstereng i stedet for græsplæne", "A wildflower meadow instead of lawn"),
        (
            "De store græsarealer bliver slået hver uge. Lad en del af dem blive til "
            "blomstereng; det er godt for bierne og sparer arbejde.",
            "The large lawns are mown every week. Let part of them become a wildflower "
            "meadow; it is good for the bees and saves work.",
        ),
    ),
    IdeaTemplate(
        ("Overdækket cykelparkering ved stationen", "Covered bike parking at the station"),
        (
            "Pendlere lader cyklen stå i regnen hele dagen. Et tag over stativerne og plads "
            "til ladcykler ville få flere til at cykle til toget.",
            "Commuters leave their bikes in the rain all day. A roof over the racks and room "
            "for cargo bikes would make more people cycle to the train.",
        ),
    ),
    IdeaTemplate(
        ("Ungdomsklub med åbent om fredagen", "A youth club open on Fridays"),
        (
            "De unge i {town} har ingen steder at være fredag aften. Et par voksne frivillige "
            "og et lokale ville være nok til at komme i gang.",
            "Young people in {town} have nowhere to go on Friday evenings. A couple of adult "
            "volunteers and a room would be enough to get started.",
        ),
    ),
    IdeaTemplate(
        ("Hundeskov tæt på byen", "A dog park close to town"),
        (
            "Et indhegnet område hvor hunde kan løbe frit, ville give mere ro på stierne og "
            "være et mødested for hundeejerne.",
            "A fenced area where dogs can run freely would bring more calm to the paths and "
            "be a meeting place for dog owners.",
        ),
    ),
    IdeaTemplate(
        ("Bedre skiltning til naturstierne", "Better signs for the nature trails"),
        (
            "Stierne er fine, men svære at finde. Skilte ved p-pladserne og et kort på nettet "
            "med længder og underlag ville få flere ud i naturen.",
            "The trails are fine but hard to find. Signs at the car parks and a map online "
            "with lengths and surfaces would get more people out into nature.",
        ),
    ),
]

COMMENT_TEXTS = {
    Comment.Stance.FOR: [
        "Rigtig god idé. Det har manglet længe.",
        "Ja tak! Jeg vil gerne være med til at hjælpe.",
        "Det ville gøre hverdagen lettere for mange af os.",
        "Støtter fuldt ud. Vi har snakket om det i grundejerforeningen i flere år.",
        "Great idea, we would use it every week.",
    ],
    Comment.Stance.AGAINST: [
        "Jeg er ikke overbevist. Hvem skal betale for driften bagefter?",
        "Der er andre steder i kommunen, hvor pengene gør mere gavn.",
        "Det vil give mere trafik og larm for dem, der bor tæt på.",
    ],
    Comment.Stance.QUESTION: [
        "Har nogen spurgt naboerne, hvad de mener?",
        "Hvad vil det koste, og hvem skal vedligeholde det?",
        "Findes der ikke allerede noget lignende et andet sted i kommunen?",
    ],
    "": [
        "Vi prøvede noget lignende for nogle år siden. Det gik fint, så længe der var "
        "frivillige nok.",
        "Husk at tænke på dem, der ikke kan komme rundt uden bil.",
        "Kunne man starte i det små og se, hvordan det går?",
        "Mine børn ville elske det.",
        "Det kræver, at nogen tager ansvaret. Jeg kan give en hånd en gang om måneden.",
    ],
}
REPLY_TEXTS = [
    "Enig.",
    "Godt spørgsmål. Det vil jeg også gerne vide.",
    "Det er ikke helt rigtigt; der er faktisk en løsning i nabobyen.",
    "Jeg kan hjælpe med det praktiske, hvis det bliver til noget.",
    "Tak for svaret!",
    "Agreed, and it does not have to be expensive.",
]
OFFICIAL_TEXTS = [
    "Tak for de mange gode input. Vi tager dem med i vores vurdering og melder tilbage her.",
    "Vi har talt med lokalrådet og ser på, om det kan indgå i næste års budget.",
]
ANSWER_TEXTS = {
    Meaning.RECEIVED: (
        "Tak for idéen. Vi har modtaget den og vender tilbage, når vi har set på den."
    ),
    Meaning.CONSIDERING: "Vi undersøger, hvad det vil koste, og taler med dem, der bor tæt på.",
    Meaning.ACCEPTED: "Vi gør det. Arbejdet er sat i gang, og vi skriver her, når det er færdigt.",
    Meaning.ACCEPTED_IF_HELP: (
        "Vi giver materialerne og hjælper med tilladelserne, hvis borgerne står for arbejdet."
    ),
    Meaning.NOT_POSSIBLE: (
        "Det er desværre ikke muligt: arealet er udlagt til andet i lokalplanen, og der er "
        "ikke penge til det i år."
    ),
    Meaning.IMPLEMENTED: "Det er nu gennemført. Tak til alle, der bakkede op og hjalp til.",
}
DEPARTMENTS = [
    "Teknik & Miljø",
    "Sundhed & Omsorg",
    "Børn & Kultur",
    "Social & Arbejdsmarked",
    "Borgerservice & Digitalisering",
]
TIME_FRAMES = ["I løbet af foråret", "Inden sommerferien", "Næste år", "I efteråret"]
HELP_TEXTS = [
    "Jeg kan hjælpe med at bygge og male.",
    "Jeg har en trailer og kan køre materialer.",
    "Jeg kan lave kaffe og stå for det praktiske på dagen.",
    "I can help on weekends.",
]
# Final meaning of an answered idea, with its weight.
ANSWER_MEANINGS = [
    (Meaning.RECEIVED, 0.1),
    (Meaning.CONSIDERING, 0.3),
    (Meaning.ACCEPTED, 0.12),
    (Meaning.ACCEPTED_IF_HELP, 0.1),
    (Meaning.NOT_POSSIBLE, 0.2),
    (Meaning.IMPLEMENTED, 0.18),
]
REPORT_REASONS = [Report.Reason.OFFENSIVE, Report.Reason.SPAM, Report.Reason.MISLEADING]

IDEA_COLUMNS = [
    "id",
    "author_id",
    "title",
    "text",
    "language",
    "initiative_id",
    "town_id",
    "latitude",
    "longitude",
    "status_id",
    "created_at",
    "supports_count",
    "comments_count",
    "answer_due_from",
    "answered_at",
    "last_answered_at",
    "search_text",
    "moderation_state",
    "moderation_cause",
    "moderated_at",
]
COMMENT_COLUMNS = [
    "id",
    "target_type_id",
    "target_id",
    "parent_id",
    "author_id",
    "stance",
    "text",
    "is_official",
    "created_at",
    "deleted_at",
    "moderation_state",
    "moderation_cause",
    "moderated_at",
]
SUPPORT_COLUMNS = ["idea_id", "user_id", "created_at"]
ANSWER_COLUMNS = [
    "idea_id",
    "status_id",
    "text",
    "department",
    "time_frame",
    "initiative_id",
    "answered_by_id",
    "created_at",
]
FOLLOW_COLUMNS = ["user_id", "content_type_id", "object_id", "active", "created_at"]
REPORT_COLUMNS = ["reporter_id", "target_type_id", "target_id", "reason", "created_at"]
REVIEW_COLUMNS = ["target_type_id", "target_id", "cause", "opened_at"]
HELP_OFFER_COLUMNS = ["idea_id", "user_id", "text", "created_at"]


def generate_ideas(*, scale, seed: int, reference, user_ids: list[int], now, progress) -> dict:
    """Write the ideas half of ``scale`` (its ``ideas``, ``idea_supports`` and
    ``idea_comments``) by the generated people (``user_ids``), inside the caller's
    transaction. Returns the counts written."""
    if not scale.ideas or not user_ids:
        return {}
    progress(
        f"{scale.ideas:,} ideas, {scale.idea_supports:,} supports, "
        f"{scale.idea_comments:,} comments with replies, answers"
    )
    generator = IdeasGenerator(seed=seed, reference=reference, user_ids=user_ids, now=now)
    counts = generator.write(scale.ideas, scale.idea_supports, scale.idea_comments)
    progress("Search vectors of the ideas")
    generator.index()
    return counts


def long_thread_comments(comments: int) -> int:
    """The long discussion's comments (replies included) out of ``comments``: enough for
    ``LONG_THREAD`` top-level ones, at most a quarter of all."""
    if not comments:
        return 0
    return max(min(round(LONG_THREAD / (1 - REPLY_SHARE)), comments // 4), 1)


def _spread(rng, weights: list[float], total: int, *, cap: int) -> list[int]:
    """``total`` shared out in proportion to ``weights``, none above ``cap`` (unless every
    share is full)."""
    scale = total / sum(weights) if sum(weights) else 0
    counts = [min(int(weight * scale), cap) for weight in weights]
    open_ = [index for index, weight in enumerate(weights) if weight > 0]
    missing = total - sum(counts)
    while missing > 0 and open_:
        index = rng.choice(open_)
        if counts[index] >= cap:
            open_.remove(index)
            continue
        counts[index] += 1
        missing -= 1
    return counts


@dataclass
class PlannedIdea:
    pk: int
    author: int
    created_at: datetime
    supports: int
    comments: int
    moderation: str
    long_thread: bool = False


class IdeasGenerator:
    def __init__(self, *, seed: int, reference, user_ids: list[int], now):
        # Reproducible synthetic data, not secrets.
        self.rng = random.Random(f"ideas-{seed}")  # noqa: S311
        self.now = now
        self.towns = reference.towns
        self.focus_areas = reference.focus_areas
        self.people = list(user_ids)
        self.idea_type = ContentType.objects.get_for_model(Idea)
        self.comment_type = ContentType.objects.get_for_model(Comment)
        self.statuses = {}
        for status in AnswerStatus.objects.order_by("-order", "-pk"):
            self.statuses[status.meaning] = status.pk  # the first of each meaning wins
        self.initiatives: dict[int, list[int]] = {}
        for pk, area_id in Initiative.objects.order_by("pk").values_list("pk", "focus_area_id"):
            self.initiatives.setdefault(area_id, []).append(pk)
        staff = get_user_model().objects.filter(is_staff=True, groups__name=MUNICIPAL_STAFF_GROUP)
        self.staff = staff.order_by("pk").values_list("pk", flat=True).first()
        self.promise = ideas_conf.answer_supports()
        self.first_idea = next_id(Idea)
        self.next_comment = next_id(Comment)

    # --- planning -----------------------------------------------------------------------------

    def plan(self, ideas: int, supports: int, comments: int) -> list[PlannedIdea]:
        """Who proposed each idea and when, in which moderation state, and how many
        supports and comments it gets: a few ideas get very many, most a few."""
        rng = self.rng
        planned = []
        for offset in range(ideas):
            draw = rng.random()
            moderation = ModerationState.PUBLISHED
            if offset and draw < IDEA_HELD_SHARE:
                moderation = ModerationState.HELD
            elif offset and draw < IDEA_HELD_SHARE + IDEA_HIDDEN_SHARE:
                moderation = ModerationState.HIDDEN
            # More ideas lately than two years ago.
            days = IDEA_DAYS * rng.random() ** 1.5
            planned.append(
                PlannedIdea(
                    pk=self.first_idea + offset,
                    author=rng.choice(self.people),
                    created_at=self.now - timedelta(days=days, minutes=rng.randint(1, 600)),
                    supports=0,
                    comments=0,
                    moderation=moderation,
                )
            )
        # The long discussion: an idea of last autumn that everyone had an opinion about.
        long_thread = planned[0]
        long_thread.long_thread = True
        long_thread.created_at = self.now - timedelta(days=200)

        # Held ideas cannot be supported or discussed yet.
        open_ = [p.moderation != ModerationState.HELD for p in planned]
        support_weights = [
            rng.paretovariate(1.2) if is_open and rng.random() < 0.9 else 0 for is_open in open_
        ]
        for plan, count in zip(
            planned, _spread(rng, support_weights, supports, cap=len(self.people) - 1), strict=True
        ):
            plan.supports = count
        thread = long_thread_comments(comments)
        comment_weights = [
            rng.paretovariate(1.5) if is_open and rng.random() < 0.7 else 0 for is_open in open_
        ]
        comment_weights[0] = 0
        shares = _spread(rng, comment_weights, comments - thread, cap=comments)
        for plan, count in zip(planned, shares, strict=True):
            plan.comments = count
        long_thread.comments = thread
        return planned

    # --- writing ------------------------------------------------------------------------------

    def write(self, ideas: int, supports: int, comments: int) -> dict:
        planned = self.plan(ideas, supports, comments)
        counts = dict.fromkeys(
            ("ideas", "idea supports", "comments", "answers", "follows", "offers of help"), 0
        )
        for start in range(0, len(planned), IDEA_BATCH):
            for key, value in self._write_batch(planned[start : start + IDEA_BATCH]).items():
                counts[key] += value
        self.last_idea = planned[-1].pk
        return counts

    def _write_batch(self, batch: list[PlannedIdea]) -> dict:
        rows = {
            "ideas": [],
            "focus_areas": [],
            "supports": [],
            "comments": [],
            "answers": [],
            "follows": [],
            "reports": [],
            "reviews": [],
            "offers": [],
        }
        for plan in batch:
            self._idea(plan, rows)
        insert_rows(Idea, IDEA_COLUMNS, rows["ideas"])
        insert_rows(*_m2m_columns(Idea, "focus_areas"), rows["focus_areas"])
        insert_rows(Support, SUPPORT_COLUMNS, rows["supports"])
        insert_rows(Comment, COMMENT_COLUMNS, rows["comments"])
        insert_rows(Answer, ANSWER_COLUMNS, rows["answers"])
        insert_rows(Follow, FOLLOW_COLUMNS, rows["follows"])
        insert_rows(Report, REPORT_COLUMNS, rows["reports"])
        insert_rows(Review, REVIEW_COLUMNS, rows["reviews"])
        insert_rows(HelpOffer, HELP_OFFER_COLUMNS, rows["offers"])
        return {
            "ideas": len(rows["ideas"]),
            "idea supports": len(rows["supports"]),
            "comments": len(rows["comments"]),
            "answers": len(rows["answers"]),
            "follows": len(rows["follows"]),
            "offers of help": len(rows["offers"]),
        }

    def _between(self, start: datetime, end: datetime | None = None) -> datetime:
        end = end or self.now
        return start + (end - start) * self.rng.random()

    def _idea(self, plan: PlannedIdea, rows: dict) -> None:
        rng = self.rng
        template = IDEA_TEMPLATES[0] if plan.long_thread else rng.choice(IDEA_TEMPLATES)
        town = rng.choice(self.towns) if rng.random() < 0.85 else None
        place = town.name if town else self.towns[0].name
        english = not plan.long_thread and rng.random() < IDEA_ENGLISH_SHARE
        index = 1 if english else 0
        title = template.title[index].format(town=place)
        text = template.text[index].format(town=place)
        language = "en" if english else "da"
        areas = rng.sample(self.focus_areas, k=min(len(self.focus_areas), rng.randint(1, 2)))
        rows["focus_areas"].extend((plan.pk, area.pk) for area in areas)
        initiatives = self.initiatives.get(areas[0].pk)
        initiative = rng.choice(initiatives) if initiatives and rng.random() < 0.15 else None
        latitude = longitude = None
        if town is not None and rng.random() < 0.3:
            latitude = Decimal(f"{town.latitude + rng.uniform(-0.01, 0.01):.5f}")
            longitude = Decimal(f"{town.longitude + rng.uniform(-0.015, 0.015):.5f}")

        cause, moderated_at = "", None
        if plan.moderation == ModerationState.HELD:
            # Held for a person to look at: it has a link (a new author's first post would
            # be held too).
            text = f"{text} Se mere på www.eksempel-{plan.pk}.dk"
            cause, moderated_at = Cause.LINKS, plan.created_at
            rows["reviews"].append((self.idea_type.pk, plan.pk, cause, plan.created_at))

        followers = {plan.author: plan.created_at}
        supporters = self._supports(plan, rows, followers)
        due_from = None
        if len(supporters) >= self.promise:
            due_from = supporters[self.promise - 1]
        published_comments = self._comments(plan, rows, followers)

        if plan.moderation == ModerationState.HIDDEN:
            cause = Cause.REPORTED
            moderated_at = self._reports(
                self.idea_type.pk, plan.pk, plan.author, plan.created_at, rows
            )
        status, answered_at, last_answered_at = self.statuses.get(Meaning.RECEIVED), None, None
        if plan.moderation == ModerationState.PUBLISHED:
            status, answered_at, last_answered_at = self._answers(
                plan, rows, due_from=due_from, initiative=initiative, followers=followers
            )
        for user_id, since in followers.items():
            rows["follows"].append((user_id, self.idea_type.pk, plan.pk, True, since))
        rows["ideas"].append(
            (
                plan.pk,
                plan.author,
                title,
                text,
                language,
                initiative,
                town.pk if town else None,
                latitude,
                longitude,
                status,
                plan.created_at,
                len(supporters),
                published_comments,
                due_from,
                answered_at,
                last_answered_at,
                f"{title} {text}".casefold(),
                plan.moderation,
                cause,
                moderated_at,
            )
        )

    def _supports(self, plan: PlannedIdea, rows: dict, followers: dict) -> list[datetime]:
        """The idea's supports, by people other than its author; returns their times in
        order."""
        rng = self.rng
        count = min(plan.supports, len(self.people) - 1)
        chosen = set()
        while len(chosen) < count:
            person = rng.choice(self.people)
            if person != plan.author:
                chosen.add(person)
        times = sorted(self._between(plan.created_at) for _ in range(count))
        for person, moment in zip(sorted(chosen), rng.sample(times, k=count), strict=True):
            rows["supports"].append((plan.pk, person, moment))
            followers.setdefault(person, moment)
        return times

    def _comments(self, plan: PlannedIdea, rows: dict, followers: dict) -> int:
        """The idea's thread; returns how many of its comments others can read."""
        rng = self.rng
        if not plan.comments:
            return 0
        # Most of a discussion happens in the first weeks.
        span = min(self.now - plan.created_at, timedelta(days=60))
        times = sorted(plan.created_at + span * rng.random() ** 2 for _ in range(plan.comments))
        if plan.long_thread:
            # At least ``LONG_THREAD`` top-level comments (when there are that many).
            top = max(round(plan.comments * (1 - REPLY_SHARE)), 1)
            replies = set(rng.sample(range(1, plan.comments), k=plan.comments - top))
        else:
            replies = {index for index in range(1, plan.comments) if rng.random() < 0.3}
        top_level: list[int] = []
        readable = 0
        for index, moment in enumerate(times):
            pk = self.next_comment
            self.next_comment += 1
            reply_to = None
            if index in replies and top_level:
                # Replies go to one of the latest comments that others can see.
                reply_to = rng.choice(top_level[-50:])
            author = rng.choice(self.people)
            official = False
            if self.staff and reply_to and rng.random() < 0.01:
                author, official = self.staff, True
            stance = ""
            if reply_to is None and rng.random() < 0.6:
                stance = rng.choice(
                    [Comment.Stance.FOR] * 3 + [Comment.Stance.AGAINST, Comment.Stance.QUESTION]
                )
            if official:
                text = rng.choice(OFFICIAL_TEXTS)
            elif reply_to is not None:
                text = rng.choice(REPLY_TEXTS)
            else:
                text = rng.choice(COMMENT_TEXTS[stance])
            state, cause, moderated_at, deleted_at = ModerationState.PUBLISHED, "", None, None
            draw = rng.random()
            if not official and draw < COMMENT_HELD_SHARE:
                text = f"{text} Læs mere på www.kommentar-{pk}.dk"
                state, cause, moderated_at = ModerationState.HELD, Cause.LINKS, moment
                rows["reviews"].append((self.comment_type.pk, pk, cause, moment))
            elif not official and draw < COMMENT_HELD_SHARE + COMMENT_HIDDEN_SHARE:
                state, cause = ModerationState.HIDDEN, Cause.REPORTED
                moderated_at = self._reports(self.comment_type.pk, pk, author, moment, rows)
            elif not official and draw < (
                COMMENT_HELD_SHARE + COMMENT_HIDDEN_SHARE + COMMENT_DELETED_SHARE
            ):
                # Deleted by its author: a "deleted" line stays.
                text, stance, deleted_at = "", "", self._between(moment)
            rows["comments"].append(
                (
                    pk,
                    self.idea_type.pk,
                    plan.pk,
                    reply_to,
                    author,
                    stance,
                    text,
                    official,
                    moment,
                    deleted_at,
                    state,
                    cause,
                    moderated_at,
                )
            )
            if reply_to is None and state != ModerationState.HELD:
                top_level.append(pk)
            if state == ModerationState.PUBLISHED:
                followers.setdefault(author, moment)
                if deleted_at is None:
                    readable += 1
        return readable

    def _reports(self, type_id: int, pk: int, author: int, since: datetime, rows: dict):
        """Three people report an item: hidden pending review from the third report on.
        Returns when it was hidden."""
        rng = self.rng
        reporters = set()
        while len(reporters) < min(3, len(self.people) - 1):
            person = rng.choice(self.people)
            if person != author:
                reporters.add(person)
        times = sorted(self._between(since) for _ in reporters)
        for reporter, moment in zip(sorted(reporters), times, strict=True):
            rows["reports"].append((reporter, type_id, pk, rng.choice(REPORT_REASONS), moment))
        rows["reviews"].append((type_id, pk, Cause.REPORTED, times[0]))
        return times[-1]

    def _answers(self, plan, rows, *, due_from, initiative, followers):
        """The municipality's answers: returns the idea's status and its first and last
        answer times."""
        rng, now = self.rng, self.now
        received = self.statuses.get(Meaning.RECEIVED)
        share = ANSWERED_WITH_PROMISE if due_from is not None else ANSWERED_WITHOUT
        if plan.long_thread or not self.statuses or rng.random() >= share:
            return received, None, None
        meanings, weights = zip(*ANSWER_MEANINGS, strict=True)
        final = rng.choices(meanings, weights=weights)[0]
        chain = [final]
        if final not in (Meaning.RECEIVED, Meaning.CONSIDERING) and rng.random() < 0.4:
            chain.insert(0, Meaning.CONSIDERING)
        # Most answers within the promise's days of the idea reaching its supports.
        start = due_from or plan.created_at
        moment = start + timedelta(days=rng.randint(2, 75), hours=rng.randint(0, 8))
        answered = []
        for meaning in chain:
            if meaning not in self.statuses or moment >= now:
                break
            rows["answers"].append(
                (
                    plan.pk,
                    self.statuses[meaning],
                    ANSWER_TEXTS[meaning],
                    rng.choice(DEPARTMENTS),
                    rng.choice(TIME_FRAMES)
                    if meaning in (Meaning.ACCEPTED, Meaning.ACCEPTED_IF_HELP)
                    else "",
                    initiative,
                    self.staff,
                    moment,
                )
            )
            answered.append((meaning, moment))
            moment += timedelta(days=rng.randint(10, 120))
        if not answered:
            return received, None, None
        last_meaning, last_moment = answered[-1]
        if last_meaning == Meaning.ACCEPTED_IF_HELP:
            helpers = set()
            for _ in range(rng.randint(0, 6)):
                person = rng.choice(self.people)
                if person != plan.author and person not in helpers:
                    helpers.add(person)
                    offered = self._between(last_moment)
                    rows["offers"].append((plan.pk, person, rng.choice(HELP_TEXTS), offered))
                    followers.setdefault(person, offered)
        return self.statuses[last_meaning], answered[0][1], last_moment

    def index(self) -> None:
        """Make the generated ideas findable on PostgreSQL: one UPDATE for all of them, with
        the vector ``samskab.ideas.services._index`` makes for one (``search_text`` is
        written with the rows)."""
        if connection.vendor != "postgresql" or not hasattr(self, "last_idea"):
            return
        Idea.objects.filter(pk__gte=self.first_idea, pk__lte=self.last_idea).update(
            search_vector=SearchVector("title", config="danish", weight="A")
            + SearchVector("title", config="english", weight="A")
            + SearchVector("text", config="danish", weight="B")
            + SearchVector("text", config="english", weight="B")
        )
