"""A URL configuration for tests only: a view that writes to the log, beside the site's
own addresses."""

import logging

from django.http import HttpResponse
from django.urls import path

from samskab.urls import urlpatterns as site_urlpatterns

logger = logging.getLogger("samskab.tests.view")


def writes_to_the_log(request):
    logger.warning("written in a view\nwith a second line")
    try:
        1 / 0  # noqa: B018 - an exception to log
    except ZeroDivisionError:
        logger.exception("an exception in a view")
    return HttpResponse("logged")


urlpatterns = [path("log/", writes_to_the_log), *site_urlpatterns]
