"""Given the JSON API and the Open Referral UK API as their OpenAPI documents describe them, when
every operation is called with generated data (valid and not), then nothing answers with a server
error and every answer matches the document. A bounded number of examples per operation keeps
this inside the suite's time, and the examples are the same on every run (derandomized), so a
failure is reproducible; the data is a small demo area and a signed-in manager.

Checked: no server error, every status code, content type, header and body as documented, and
405 for a method the document does not list. Not checked here: whether generated data the
document allows is always accepted and data it forbids always refused. Both APIs refuse some
well-formed values on their meaning (a postcode nobody knows, a plan version that is not the
latest), and read an empty filter as no filter; each endpoint's own tests check its refusals."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from tellonce.accounts.models import ApiToken
from tellonce.config.wsgi import application

EXAMPLES = 15
EXCLUDED = [schemathesis.checks.positive_data_acceptance, schemathesis.checks.negative_data_rejection]

api = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
oruk = schemathesis.openapi.from_wsgi("/oruk/openapi.json", application)


@pytest.fixture
def in_process(db):
    """The app is called in this process: keep the test's database connection open across the
    requests it makes (Django closes it at the end of each request)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(area, in_process) -> str:
    _, key = ApiToken.issue(area.users["manager"], "contract test")
    return key


@api.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_json_api_answers_every_operation_as_its_document_says(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, excluded_checks=EXCLUDED)


@oruk.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_open_referral_api_answers_every_operation_as_its_document_says(case, area, in_process):
    case.call_and_validate(excluded_checks=EXCLUDED)
