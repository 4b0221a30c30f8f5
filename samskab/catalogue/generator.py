"""Synthetic data at the brief's scales, for benchmarks: organisations, activities with
weekly series and sessions, each session's booking slot, users and sign-ups; then the
volunteering half (opportunities, shifts, needs, volunteer profiles, hours), written by
``samskab.volunteering.generator`` with the helpers of this module.

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
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from samskab.activities.models import (
    ACCESSIBILITY_FACT_NAMES,
    Activity,
    ActivitySchedule,
    ActivitySession,
    AgeGroup,
    Interest,
    Language,
    Town,
)
from samskab.activities.recurrence import local_moment
from samskab.booking.models import Booking, Slot
from samskab.catalogue.services import refresh_entries
from samskab.core.text import slugify_da
from samskab.organisations.models import Organisation
from samskab.vision.models import FocusArea

GENERATED_SLUG_PREFIX = "gen-"
GENERATED_EMAIL_DOMAIN = "generated.invalid"
BATCH_SIZE = 5000


@dataclass(frozen=True)
class Scale:
    """How much to generate. ``signups`` are the activity sessions' bookings; the
    volunteering half (``samskab.volunteering.generator``) adds ``opportunities`` with
    ``shifts`` (and their sign-ups and hours), ``needs``, and volunteer profiles for a
    share of the ``users``. A scale without activities generates only that half."""

    name: str
    organisations: int
    activities: int
    sessions: int
    signups: int
    users: int
    opportunities: int = 0
    shifts: int = 0
    needs: int = 0
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
    half (``samskab.volunteering.generator``). ``now`` (default: the current time) is the
    moment the data is generated around: what lies before it is past. Returns the counts
    written."""
    # Imported here: the volunteering generator uses this module's helpers.
    from samskab.volunteering import generator as volunteering_generator

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
            volunteering_generator.generate_volunteering(
                scale=scale,
                seed=seed,
                reference=reference,
                organisations=organisations,
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
                *volunteering_generator.MODELS_WITH_CHOSEN_IDS,
            ]
        )
        if activities:
            if connection.vendor == "postgresql":
                # Fresh statistics, so the entries' next-session subqueries use the indexes.
                progress("ANALYZE")
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            progress("Catalogue entries (search words and next sessions)")
            refresh_entries(activity_ids=[activity.pk for activity in activities], now=now)
    if connection.vendor == "postgresql":
        progress("ANALYZE")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
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
