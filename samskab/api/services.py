"""Every change made through the API, and the management of API clients.

An organisation's system writes its activities and sessions by its own source ids
(``upsert_activity``, ``upsert_session``, ``delete_activity``, ``cancel_session``). Each
goes through ``samskab.activities.services``, the same services the site's forms use, so
the rules, the catalogue's caches and the emails to people signed up are the site's. Each
change is logged as an ``ApiChange`` in the same transaction. A change that changes
nothing (the same row sent again) is not logged.

Clients: ``create_client`` makes the OAuth2 application (client credentials) and returns
the secret in clear once; django-oauth-toolkit stores it hashed. ``revoke_client`` deletes
the application and with it every token, at once.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import get_application_model

from samskab.activities import services as activity_services
from samskab.activities.models import ACCESSIBILITY_FACT_NAMES, Activity, ActivitySession
from samskab.activities.services import ActivityError, SingleDateSpec
from samskab.api.models import ActivitySource, ApiChange, ApiClient, SessionSource
from samskab.api.scopes import SCOPE_NAMES
from samskab.core.errors import ServiceError

Application = get_application_model()

# Fields of an activity as the API and ``activities.services`` name them.
ACTIVITY_FIELDS = (
    "title_da",
    "title_en",
    "description_da",
    "description_en",
    "participation",
    "come_alone_welcome",
    "place_name",
    "street",
    "postcode",
    "town",
    "latitude",
    "longitude",
    "price",
    "price_note_da",
    "price_note_en",
    "accessibility_note_da",
    "accessibility_note_en",
    "is_published",
    "initiative",
)
RELATION_FIELDS = ("focus_areas", "interests", "age_groups", "languages")


class ApiConflict(ServiceError):
    """The change contradicts the row's state (a cancelled session cannot be brought back)."""


# --- clients -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewClient:
    client: ApiClient
    client_secret: str


def create_client(*, organisation, name: str, scopes, by) -> NewClient:
    unknown = set(scopes) - set(SCOPE_NAMES)
    if unknown or not scopes:
        raise ValueError(f"Unknown or no scopes: {sorted(unknown)}")
    secret = generate_client_secret()
    with transaction.atomic():
        application = Application(
            name=f"{organisation.slug}: {name}"[:255],
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
            client_secret=secret,
            hash_client_secret=True,
        )
        application.save()
        client = ApiClient.objects.create(
            organisation=organisation,
            name=name,
            application=application,
            client_id=application.client_id,
            scopes=[scope for scope in SCOPE_NAMES if scope in set(scopes)],
            created_by=by,
        )
    return NewClient(client=client, client_secret=secret)


def revoke_client(*, client: ApiClient, by) -> ApiClient:
    """The client can no longer get tokens, and the tokens it has stop working now.
    Revoking twice is harmless."""
    with transaction.atomic():
        client = ApiClient.objects.select_for_update().get(pk=client.pk)
        if client.revoked_at is not None:
            return client
        application_id = client.application_id
        client.revoked_at = timezone.now()
        client.revoked_by = by
        client.application = None
        client.save(update_fields=["revoked_at", "revoked_by", "application"])
        # Deleting the application deletes its access tokens with it.
        Application.objects.filter(pk=application_id).delete()
    return client


# --- activities ----------------------------------------------------------------------------------


def _log(client, kind, action, source_id, object_id, fields=()):
    ApiChange.objects.create(
        client=client,
        organisation_id=client.organisation_id,
        kind=kind,
        action=action,
        source_id=source_id,
        object_id=object_id,
        fields=sorted(fields),
    )


def activity_by_source(*, organisation, source_id: str) -> Activity | None:
    return (
        Activity.objects.filter(
            organisation=organisation,
            api_source__organisation=organisation,
            api_source__source_id=source_id,
        )
        .select_related("organisation", "town")
        .first()
    )


def _current_values(activity: Activity) -> dict:
    values = {name: getattr(activity, name) for name in ACTIVITY_FIELDS}
    values["accessibility"] = {name for name in ACCESSIBILITY_FACT_NAMES if getattr(activity, name)}
    values["focus_areas"] = set(activity.focus_areas.values_list("pk", flat=True))
    values["interests"] = set(activity.interests.values_list("pk", flat=True))
    values["age_groups"] = set(activity.age_groups.values_list("pk", flat=True))
    values["languages"] = set(activity.languages.values_list("pk", flat=True))
    return values


def _wanted_values(fields: dict, relations: dict) -> dict:
    values = dict(fields)
    values["accessibility"] = set(fields["accessibility"])
    for name in RELATION_FIELDS:
        values[name] = {row.pk for row in relations[name]}
    return values


def _changed_fields(activity: Activity, fields: dict, relations: dict) -> list[str]:
    current, wanted = _current_values(activity), _wanted_values(fields, relations)
    changed = []
    for name, value in wanted.items():
        before = current[name]
        if name in ("latitude", "longitude") and value is None:
            continue  # placed at the town's centre, as before
        if name == "price":
            before, value = float(before), float(value)
        if (before or None) != (value or None) and before != value:
            changed.append(name)
    return changed


@dataclass(frozen=True)
class Upserted:
    activity: Activity
    created: bool
    changed: tuple[str, ...] = ()


def upsert_activity(*, client: ApiClient, source_id: str, data: dict) -> Upserted:
    """Create the organisation's activity with this source id, or replace what it says
    with ``data`` (validated by ``ActivityInput``). Raises ``ActivityError`` or
    ``ValidationError`` as the site's form would get them."""
    try:
        return _upsert_activity(client=client, source_id=source_id, data=data)
    except IntegrityError:
        # Another request created the same source id a moment ago: this one updates it.
        return _upsert_activity(client=client, source_id=source_id, data=data)


def _upsert_activity(*, client, source_id, data) -> Upserted:
    organisation = client.organisation
    fields = {name: data[name] for name in ACTIVITY_FIELDS}
    fields["accessibility"] = list(data["accessibility"])
    if not fields["postcode"]:
        fields["postcode"] = fields["town"].postcode
    relations = {name: list(data[name]) for name in RELATION_FIELDS}
    with transaction.atomic():
        activity = activity_by_source(organisation=organisation, source_id=source_id)
        if activity is None:
            activity = activity_services.create_activity(
                organisation=organisation, created_by=None, **relations, **fields
            )
            ActivitySource.objects.create(
                organisation=organisation, source_id=source_id, activity=activity
            )
            _log(client, ApiChange.Kind.ACTIVITY, ApiChange.Action.CREATED, source_id, activity.pk)
            return Upserted(activity=activity, created=True)
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        changed = _changed_fields(activity, fields, relations)
        if not changed:
            return Upserted(activity=activity, created=False)
        activity = activity_services.update_activity(activity=activity, **relations, **fields)
        _log(
            client,
            ApiChange.Kind.ACTIVITY,
            ApiChange.Action.UPDATED,
            source_id,
            activity.pk,
            changed,
        )
        return Upserted(activity=activity, created=False, changed=tuple(changed))


def delete_activity(*, client: ApiClient, activity: Activity, source_id: str, reason: str) -> None:
    """Delete it as the site does: sessions to come are cancelled first and everyone signed
    up is told (with ``reason``)."""
    with transaction.atomic():
        activity_services.delete_activity(activity=activity, by=None, reason=reason)
        _log(client, ApiChange.Kind.ACTIVITY, ApiChange.Action.DELETED, source_id, activity.pk)


# --- sessions -----------------------------------------------------------------------------------


def session_by_source(*, activity: Activity, source_id: str) -> ActivitySession | None:
    session = (
        ActivitySession.objects.filter(
            activity=activity, api_source__activity=activity, api_source__source_id=source_id
        )
        .select_related("schedule")
        .prefetch_related("booking_slots")
        .first()
    )
    if session is not None:
        session.activity = activity
    return session


def _spec(starts_at, ends_at, capacity) -> SingleDateSpec:
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    return SingleDateSpec(
        day=start.date(),
        start_time=start.time().replace(microsecond=0),
        end_time=end.time().replace(microsecond=0),
        capacity=capacity,
    )


def check_session_times(starts_at, ends_at) -> None:
    if ends_at <= starts_at:
        raise ActivityError(_("The end must be after the start."), field="ends_at")
    if ends_at - starts_at >= timedelta(days=1):
        raise ActivityError(_("A session lasts less than 24 hours."), field="ends_at")


@dataclass(frozen=True)
class SessionUpserted:
    session: ActivitySession
    created: bool
    action: str = ""


def upsert_session(
    *,
    client: ApiClient,
    activity: Activity,
    activity_source_id: str,
    source_id: str,
    starts_at,
    ends_at,
    capacity: int | None,
    cancelled: bool,
    cancellation_reason: str,
) -> SessionUpserted:
    """Create the session with this source id, move it or change its places (everyone
    signed up is told a new time), or cancel it (everyone told, with the reason)."""
    check_session_times(starts_at, ends_at)
    log_id = f"{activity_source_id}/{source_id}"
    spec = _spec(starts_at, ends_at, capacity)
    with transaction.atomic():
        Activity.objects.select_for_update().filter(pk=activity.pk).first()
        session = session_by_source(activity=activity, source_id=source_id)
        if session is None:
            if cancelled:
                raise ActivityError(
                    _("A session that does not exist yet cannot be cancelled."), field="cancelled"
                )
            session = activity_services.add_session(activity=activity, spec=spec)
            SessionSource.objects.create(activity=activity, source_id=source_id, session=session)
            _log(client, ApiChange.Kind.SESSION, ApiChange.Action.CREATED, log_id, session.pk)
            return SessionUpserted(session=session, created=True, action=ApiChange.Action.CREATED)
        if session.is_cancelled:
            if cancelled:
                return SessionUpserted(session=session, created=False)
            raise ApiConflict(
                _("The session was cancelled and stays cancelled. Send it with a new source id."),
                field="cancelled",
            )
        if cancelled:
            activity_services.cancel_session(
                session=session,
                reason=cancellation_reason or _("The organiser has cancelled this session."),
                by=None,
            )
            _log(client, ApiChange.Kind.SESSION, ApiChange.Action.CANCELLED, log_id, session.pk)
            return SessionUpserted(
                session=session, created=False, action=ApiChange.Action.CANCELLED
            )
        moved = (session.starts_at, session.ends_at) != (
            spec.occurrence().starts_at,
            spec.occurrence().ends_at,
        )
        wanted_capacity = capacity if activity.requires_sign_up else None
        resized = session.booking_slot.capacity != wanted_capacity
        if not (moved or resized):
            return SessionUpserted(session=session, created=False)
        activity_services.change_session(session=session, spec=spec)
        action = ApiChange.Action.MOVED if moved else ApiChange.Action.UPDATED
        fields = [name for name, on in (("starts_at", moved), ("capacity", resized)) if on]
        _log(client, ApiChange.Kind.SESSION, action, log_id, session.pk, fields)
        return SessionUpserted(session=session, created=False, action=action)


def cancel_session(
    *, client: ApiClient, session: ActivitySession, log_id: str, reason: str
) -> None:
    """Sessions are never deleted (people signed up keep seeing what happened): deleting
    one through the API cancels it, as the site does."""
    if session.is_cancelled:
        return
    with transaction.atomic():
        activity_services.cancel_session(
            session=session,
            reason=reason or _("The organiser has cancelled this session."),
            by=None,
        )
        _log(client, ApiChange.Kind.SESSION, ApiChange.Action.CANCELLED, log_id, session.pk)
