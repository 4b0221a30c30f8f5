"""The write endpoints of an organisation's API client (``/api/v1/sources/…``). A client
reaches only its own organisation's rows: every lookup is by the organisation's source id
within that organisation, so another organisation's activity is simply not found (404).

PUT creates (201) or replaces (200) by source id, so sending the same thing again is
harmless; DELETE deletes an activity (its coming sessions cancelled, everyone signed up
told) or cancels a session. Input the services refuse comes back as a 400 problem naming
the field, a contradiction with the row's state as 409.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException, NotAuthenticated, PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from samskab.activities.models import Activity, ActivitySession
from samskab.activities.services import ActivityError
from samskab.api import selectors, services
from samskab.api.auth import ApiClientAuth
from samskab.api.models import SOURCE_ID_MAX_LENGTH
from samskab.api.scopes import ACTIVITIES_READ, ACTIVITIES_WRITE
from samskab.api.views import ApiViewMixin
from samskab.api.write_serializers import (
    ActivityInput,
    DeleteInput,
    SessionInput,
    SyncActivitySerializer,
    SyncSessionSerializer,
)
from samskab.booking import selectors as booking_selectors

SOURCE_ID_PATTERN = rf"[A-Za-z0-9._~:-]{{1,{SOURCE_ID_MAX_LENGTH}}}"
# The services' field names, as the API's input names them.
API_FIELD_NAMES = {
    "title_da": "title.da",
    "title_en": "title.en",
    "description_da": "description.da",
    "description_en": "description.en",
    "price_note_da": "price_note.da",
    "price_note_en": "price_note.en",
    "accessibility_note_da": "accessibility_note.da",
    "accessibility_note_en": "accessibility_note.en",
    "day": "starts_at",
    "start_time": "starts_at",
    "end_time": "ends_at",
}


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The change contradicts the row's state."


def _api_field(name) -> str:
    if not name or name == "__all__":
        return "non_field_errors"
    return API_FIELD_NAMES.get(name, name)


def refused(error) -> ApiValidationError:
    """A service's refusal as a 400 problem naming the field."""
    if isinstance(error, DjangoValidationError):
        if hasattr(error, "error_dict"):
            return ApiValidationError(
                {_api_field(name): list(messages) for name, messages in error.message_dict.items()}
            )
        return ApiValidationError({"non_field_errors": list(error.messages)})
    return ApiValidationError({_api_field(error.field): [str(error.message)]})


class ClientScope(BasePermission):
    """An API client with the scope the method needs: ``activities:write`` to change,
    ``activities:read`` or ``activities:write`` to read."""

    def has_permission(self, request, view):
        auth = request.auth
        if not isinstance(auth, ApiClientAuth):
            raise NotAuthenticated("An access token of an organisation's API client is needed.")
        wanted = (
            {ACTIVITIES_WRITE}
            if request.method not in ("GET", "HEAD")
            else {
                ACTIVITIES_READ,
                ACTIVITIES_WRITE,
            }
        )
        if not wanted & auth.scopes:
            raise PermissionDenied(f"The token needs the scope {' or '.join(sorted(wanted))}.")
        return True


class ClientView(ApiViewMixin, GenericAPIView):
    permission_classes = [ClientScope]

    @property
    def client(self):
        return self.request.auth.client

    @property
    def organisation(self):
        return self.request.auth.client.organisation

    def activity_or_404(self) -> Activity:
        activity = services.activity_by_source(
            organisation=self.organisation, source_id=self.kwargs["source_id"]
        )
        if activity is None:
            raise Http404
        return activity

    def answer(self, activity_pk: int, *, status_code=200):
        activity = selectors.own_activities(self.organisation).get(pk=activity_pk)
        selectors.attach_activity_details([activity])
        return Response(SyncActivitySerializer(activity).data, status=status_code)


SOURCE_ID = OpenApiParameter(
    "source_id",
    str,
    OpenApiParameter.PATH,
    pattern=f"^{SOURCE_ID_PATTERN}$",
    description="Your system's id of the activity (letters, digits, . _ ~ : -).",
)
SESSION_SOURCE_ID = OpenApiParameter(
    "session_source_id",
    str,
    OpenApiParameter.PATH,
    pattern=f"^{SOURCE_ID_PATTERN}$",
    description="Your system's id of the session, unique within the activity.",
)


@extend_schema(
    summary="Your organisation's activities written through the API",
    description="Published or not, each with its source id and its sessions that have not ended.",
    responses=SyncActivitySerializer(many=True),
)
class OwnActivityList(ClientView):
    serializer_class = SyncActivitySerializer

    def get_queryset(self):
        return selectors.own_activities(self.organisation)

    def get(self, request):
        page = selectors.attach_activity_details(self.paginate_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class OwnActivity(ClientView):
    serializer_class = SyncActivitySerializer

    @extend_schema(
        summary="One of your activities, by your source id",
        parameters=[SOURCE_ID],
        responses=SyncActivitySerializer,
    )
    def get(self, request, source_id):
        return self.answer(self.activity_or_404().pk)

    @extend_schema(
        summary="Create or replace an activity by your source id",
        description=(
            "Creates the activity (201) or replaces what it says (200); sending the same "
            "body again changes nothing. Goes through the same rules as the site's form: "
            "switching sign-up off is refused while people are signed up for coming "
            "sessions."
        ),
        parameters=[SOURCE_ID],
        request=ActivityInput,
        responses={200: SyncActivitySerializer, 201: SyncActivitySerializer},
    )
    def put(self, request, source_id):
        given = ActivityInput(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            result = services.upsert_activity(
                client=self.client, source_id=source_id, data=given.service_data()
            )
        except (ActivityError, DjangoValidationError) as error:
            raise refused(error) from error
        return self.answer(result.activity.pk, status_code=201 if result.created else 200)

    @extend_schema(
        summary="Delete an activity",
        description=(
            "Its sessions to come are cancelled first and everyone signed up is told, with "
            "`reason` (optional, in the body)."
        ),
        parameters=[SOURCE_ID],
        request=DeleteInput,
        responses={204: OpenApiResponse(description="Deleted.")},
    )
    def delete(self, request, source_id):
        activity = self.activity_or_404()
        given = DeleteInput(data=request.data or {})
        given.is_valid(raise_exception=True)
        services.delete_activity(
            client=self.client,
            activity=activity,
            source_id=source_id,
            reason=given.validated_data["reason"],
        )
        return Response(status=204)


class OwnSession(ClientView):
    serializer_class = SyncSessionSerializer

    def session_or_404(self, activity) -> ActivitySession:
        session = services.session_by_source(
            activity=activity, source_id=self.kwargs["session_source_id"]
        )
        if session is None:
            raise Http404
        return session

    def session_answer(self, session_pk: int, *, status_code=200):
        session = (
            ActivitySession.objects.select_related("api_source")
            .prefetch_related(booking_selectors.slots_prefetch())
            .get(pk=session_pk)
        )
        return Response(SyncSessionSerializer(session).data, status=status_code)

    @extend_schema(
        summary="One session of one of your activities",
        parameters=[SOURCE_ID, SESSION_SOURCE_ID],
        responses=SyncSessionSerializer,
    )
    def get(self, request, source_id, session_source_id):
        return self.session_answer(self.session_or_404(self.activity_or_404()).pk)

    @extend_schema(
        summary="Create, move, resize or cancel a session by your source id",
        description=(
            "Creates the session (201), or changes it (200): a new time moves it and "
            "everyone signed up is told the new time; `cancelled: true` cancels it and "
            "everyone signed up is told, with `cancellation_reason`. A cancelled session "
            "stays cancelled (409). Sending the same body again changes nothing."
        ),
        parameters=[SOURCE_ID, SESSION_SOURCE_ID],
        request=SessionInput,
        responses={200: SyncSessionSerializer, 201: SyncSessionSerializer},
    )
    def put(self, request, source_id, session_source_id):
        activity = self.activity_or_404()
        given = SessionInput(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            result = services.upsert_session(
                client=self.client,
                activity=activity,
                activity_source_id=source_id,
                source_id=session_source_id,
                **given.validated_data,
            )
        except services.ApiConflict as error:
            raise Conflict(str(error.message)) from error
        except (ActivityError, DjangoValidationError) as error:
            raise refused(error) from error
        return self.session_answer(result.session.pk, status_code=201 if result.created else 200)

    @extend_schema(
        summary="Cancel a session",
        description=(
            "Sessions are not deleted: everyone signed up is told it is cancelled, with "
            "`reason` (optional, in the body). Cancelling twice is harmless."
        ),
        parameters=[SOURCE_ID, SESSION_SOURCE_ID],
        request=DeleteInput,
        responses={204: OpenApiResponse(description="Cancelled.")},
    )
    def delete(self, request, source_id, session_source_id):
        activity = self.activity_or_404()
        session = self.session_or_404(activity)
        given = DeleteInput(data=request.data or {})
        given.is_valid(raise_exception=True)
        services.cancel_session(
            client=self.client,
            session=session,
            log_id=f"{source_id}/{session_source_id}",
            reason=given.validated_data["reason"],
        )
        return Response(status=204)
