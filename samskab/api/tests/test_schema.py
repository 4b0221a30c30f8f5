"""The published OpenAPI description, tested by a property-based tester (Schemathesis):
for every operation, generated requests (valid and invalid) never get a 5xx, and every
answer fits the description (status codes, content types, headers, bodies). Writes go with
a real access token of an API client; a bounded number of examples keeps it to minutes."""

import contextlib
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks as built_in
from schemathesis.specs.openapi import checks as openapi

from samskab.api.tests.helpers import api_client_of, token_for
from tests.factories import (
    ActivityFactory,
    FocusAreaFactory,
    OrganisationFactory,
    TownFactory,
    make_need,
    make_shift,
    one_off,
    propose_idea,
    write_proposal,
)

pytestmark = [pytest.mark.django_db]

CHECKS = [
    built_in.not_a_server_error,
    openapi.status_code_conformance,
    openapi.content_type_conformance,
    openapi.response_headers_conformance,
    openapi.response_schema_conformance,
    openapi.negative_data_rejection,
]
# A longer search by hand: SCHEMATHESIS_EXAMPLES=500 pytest samskab/api/tests/test_schema.py
EXAMPLES_PER_OPERATION = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "25"))


# Loaded when the tests are collected: describing the API reads no table. (Schemathesis'
# fixture-based loading does not work with this pytest.)
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())


@contextlib.contextmanager
def database_connection_kept_for_the_test():
    """Schemathesis calls Django's own WSGI handler, which closes the database connection
    around each request; on PostgreSQL that is the test's transaction. Keep it, as Django's
    test client does (which is also why this wraps each call and is no fixture: the test
    client connects the handler again after each of its own requests)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def token(db, client, settings):
    """The data every operation can find, and an API client's token for the writes."""
    settings.API_ANON_RATE = "100000/min"
    settings.API_CLIENT_RATE = "100000/min"
    TownFactory(slug="ribe", name="Ribe", postcode="6760")
    FocusAreaFactory(slug="faellesskab")
    organisation = OrganisationFactory()
    one_off(ActivityFactory(organisation=organisation))
    make_shift()
    make_need(organisation=organisation)
    propose_idea()
    write_proposal()
    return token_for(client, api_client_of(organisation))


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_to_its_description(case, token):
    headers = {}
    if case.path.startswith("/api/v1/sources/"):
        headers["Authorization"] = f"Bearer {token}"
    with database_connection_kept_for_the_test():
        response = case.call(headers=headers)
    case.validate_response(response, checks=CHECKS, headers=headers)
