"""Every error of the API as an RFC 9457 problem details object
(``application/problem+json``): ``type``, ``title``, ``status``, ``detail`` and, for input
that was refused, ``errors``: one ``{"field", "message"}`` per problem, ``field`` being the
path of the field in the request ("title.da", "focus_areas.1") or "" for the whole body.

DRF's own errors (validation, authentication, permission, 404, 405, 406, 415, throttling)
pass through ``exception_handler``; addresses under /api/ that match no endpoint answer with
``not_found``. An unexpected exception is logged as Django logs a request's error and
answered as a problem too, never as the site's HTML error page.
"""

import logging
from http import HTTPStatus

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

PROBLEM_CONTENT_TYPE = "application/problem+json"
logger = logging.getLogger("django.request")


def problem(status: int, detail: str = "", *, errors=None, title: str = "") -> dict:
    body = {
        "type": "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail or HTTPStatus(status).description,
    }
    if errors is not None:
        body["errors"] = errors
    return body


def field_errors(detail, path: str = "") -> list[dict]:
    """DRF's nested error detail as a flat list of ``{"field", "message"}``."""
    if isinstance(detail, dict):
        errors = []
        for name, value in detail.items():
            name = "" if name in ("non_field_errors", "detail") else str(name)
            errors.extend(field_errors(value, f"{path}.{name}" if path and name else path or name))
        return errors
    if isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            return [{"field": path, "message": str(item)} for item in detail]
        errors = []
        for index, item in enumerate(detail):
            if item:
                errors.extend(field_errors(item, f"{path}.{index}" if path else str(index)))
        return errors
    return [{"field": path, "message": str(detail)}]


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        set_rollback()
        request = context.get("request")
        logger.error(
            "Internal Server Error: %s",
            getattr(request, "path", ""),
            exc_info=exc,
            extra={"status_code": 500, "request": getattr(request, "_request", None)},
        )
        return _problem_response(problem(500, "Something went wrong on our side."), 500)
    if isinstance(exc, exceptions.ValidationError):
        body = problem(
            response.status_code,
            "The request has input that cannot be used; see errors.",
            errors=field_errors(exc.detail),
        )
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else ""
        body = problem(response.status_code, str(detail) if detail else "")
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def _problem_response(body: dict, status: int):
    from rest_framework.response import Response

    response = Response(body, status=status)
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Any address under /api/ that no endpoint answers."""
    return JsonResponse(
        problem(404, "There is no endpoint at this address; see /api/v1/docs/."),
        status=404,
        content_type=PROBLEM_CONTENT_TYPE,
    )
