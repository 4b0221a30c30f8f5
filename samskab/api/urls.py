"""Mounted at "api/" outside the language prefixes: the API speaks both languages in
every answer. Anything under it that matches no endpoint is a 404 problem, not the site's
HTML page."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from oauth2_provider import views as oauth_views
from rest_framework.routers import SimpleRouter

from samskab.api import problems, views, write_views

app_name = "api"

router = SimpleRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("sessions", views.SessionViewSet, basename="session")
router.register("volunteer-opportunities", views.OpportunityViewSet, basename="opportunity")
router.register("volunteer-shifts", views.ShiftViewSet, basename="shift")
router.register("needs", views.NeedViewSet, basename="need")
router.register("ideas", views.IdeaViewSet, basename="idea")
router.register("proposals", views.ProposalViewSet, basename="proposal")
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
router.register("indicators", views.IndicatorViewSet, basename="indicator")

source = write_views.SOURCE_ID_PATTERN

v1 = [
    path("schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", title="Samskab API", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    # Only the token endpoint of the OAuth2 provider: the client credentials grant needs
    # no authorisation pages.
    path("oauth/token/", oauth_views.TokenView.as_view(), name="token"),
    path("oauth/revoke-token/", oauth_views.RevokeTokenView.as_view(), name="revoke_token"),
    path(
        "indicators/<slug:slug>/observations/",
        views.ObservationList.as_view(),
        name="indicator-observations",
    ),
    path("sources/activities/", write_views.OwnActivityList.as_view(), name="own_activities"),
    re_path(
        rf"^sources/activities/(?P<source_id>{source})/\Z",
        write_views.OwnActivity.as_view(),
        name="own_activity",
    ),
    re_path(
        rf"^sources/activities/(?P<source_id>{source})/sessions/(?P<session_source_id>{source})/\Z",
        write_views.OwnSession.as_view(),
        name="own_session",
    ),
    *router.urls,
]

urlpatterns = [
    path("v1/", include(v1)),
    # Any path at all, also one with a line break in it.
    re_path(r"^[\s\S]*\Z", problems.not_found),
]
