from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from samskab.core import extensions, health, metrics
from samskab.core.sitemaps import StaticPagesSitemap
from samskab.core.views import robots_txt


class FaviconView(RedirectView):
    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        # Resolved per request: with the manifest storage the hashed name exists only
        # after collectstatic, not when this module is imported.
        return static("samskab/favicon.svg")


# Every app's sitemaps, as declared in its contributions.py.
sitemaps = {
    "pages": StaticPagesSitemap,
    **dict(item for _, item in extensions.declared("sitemaps")),
}

# Staff log in through the same throttled allauth login as everyone else.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # For load balancers and monitoring: no language prefix, no redirect to HTTPS.
    path("health/live", health.live, name="health_live"),
    path("health/ready", health.ready, name="health_ready"),
    path("metrics", metrics.metrics, name="metrics"),
    # The API speaks both languages in every answer: no language prefix.
    path("api/", include("samskab.api.urls")),
    # Browsers ask for /favicon.ico whatever the page says; answer instead of logging 404s.
    path("favicon.ico", FaviconView.as_view()),
]

# Danish lives at /, English under /en/. The language is in the URL, so switching it needs
# no cookie and the switch is a plain link to the same page in the other language.
urlpatterns += i18n_patterns(
    path("konto/", include("allauth.urls")),
    path("min-konto/", include("samskab.accounts.urls")),
    path("notifikationer/", include("samskab.notifications.urls")),
    path("ideer/", include("samskab.ideas.urls")),
    path("borgerforslag/", include("samskab.proposals.urls")),
    path("resultater/", include("samskab.results.urls")),
    path("tilmelding/", include("samskab.booking.urls")),
    path("foreninger/", include("samskab.organisations.urls")),
    path("foreninger/", include("samskab.api.site_urls")),
    path("aktiviteter/", include("samskab.activities.urls")),
    # The catalogue shares the prefix: its paths ("", "kort/") do not overlap activities'.
    path("aktiviteter/", include("samskab.catalogue.urls")),
    path("frivillig/", include("samskab.volunteering.urls")),
    path("frivilligbevis/", include("samskab.certificates.urls")),
    path("boerneattest/", include("samskab.childsafety.urls")),
    path("besoegsven/", include("samskab.visiting.urls")),
    path("behov/", include("samskab.needs.urls")),
    path("kalendere/", include("samskab.calendars.urls")),
    path("forslag/", include("samskab.matching.urls")),
    path("kommentarer/", include("samskab.comments.urls")),
    path("moderation/", include("samskab.moderation.urls")),
    path("mitid/", include("samskab.mitid.urls")),
    path("data/", include("samskab.opendata.urls")),
    path("openactive/", include("samskab.openactive.urls")),
    path("", include("samskab.core.urls")),
    path("", include("samskab.vision.urls")),
    prefix_default_language=False,
)

handler400 = "samskab.core.views.bad_request"
handler404 = "samskab.core.views.page_not_found"
handler403 = "samskab.core.views.permission_denied"
handler500 = "samskab.core.views.server_error"
# Not Django's: allauth answers its rate limits with it (core.limits).
handler429 = "samskab.core.limits.too_many_requests"

if settings.DEBUG:
    from django.conf.urls.static import static as media_urlpatterns

    urlpatterns += media_urlpatterns(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
