"""/metrics: Prometheus's text, for a bearer token or this machine only, with registered collectors."""

import pytest

from tellonce.operations import metrics


def test_metrics_count_requests_by_view_and_status(client, db):
    client.get("/healthz")
    client.get("/accessibility/")
    text = client.get("/metrics", REMOTE_ADDR="127.0.0.1").content.decode()
    assert 'tellonce_http_requests_total{method="GET",status="200",view="operations:healthz"}' in text
    assert (
        'tellonce_http_request_duration_seconds_bucket{le="0.01",method="GET",view="core:accessibility"}'
        in text
    )


def test_metrics_count_database_queries_by_view(client, db):
    client.get("/readyz")
    text = client.get("/metrics", REMOTE_ADDR="127.0.0.1").content.decode()
    assert 'tellonce_db_queries_total{view="operations:readyz"}' in text


def test_a_path_that_matches_no_view_is_one_label_not_its_path(client, db):
    client.get("/no-such-page/123e4567-e89b-12d3-a456-426614174000/")
    text = client.get("/metrics", REMOTE_ADDR="127.0.0.1").content.decode()
    assert 'view="<unresolved>"' in text
    assert "123e4567" not in text


@pytest.mark.parametrize(
    "headers",
    [
        {"REMOTE_ADDR": "10.0.0.8"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"},
    ],
    ids=["from another machine", "through the proxy"],
)
def test_metrics_are_not_found_from_outside_without_a_token(client, db, headers):
    assert client.get("/metrics", **headers).status_code == 404


def test_with_a_token_set_metrics_need_it_even_from_this_machine(client, db, settings):
    settings.TELLONCE_METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    response = client.get("/metrics", REMOTE_ADDR="10.0.0.8", HTTP_AUTHORIZATION="Bearer s3cret-token")
    assert response.status_code == 200
    assert b"tellonce_http_requests_total" in response.content


def test_a_registered_collector_is_read_at_each_scrape(client, db, monkeypatch):
    monkeypatch.setattr(metrics, "COLLECTORS", {})
    depth = {"default": 3, "documents": 0}
    metrics.register("jobs", lambda: {"queue_depth": depth, "failed_tasks": 2})
    text = client.get("/metrics", REMOTE_ADDR="127.0.0.1").content.decode()
    assert 'tellonce_jobs_queue_depth{label="default"} 3.0' in text
    assert "tellonce_jobs_failed_tasks 2.0" in text
    assert 'tellonce_collector_up{prefix="jobs"} 1.0' in text
    depth["default"] = 7
    assert (
        'tellonce_jobs_queue_depth{label="default"} 7.0'
        in client.get("/metrics", REMOTE_ADDR="127.0.0.1").content.decode()
    )


def test_a_failing_collector_is_shown_down_and_the_scrape_still_answers(client, db, monkeypatch):
    monkeypatch.setattr(metrics, "COLLECTORS", {})

    def broken():
        raise RuntimeError("queue table missing")

    metrics.register("broken", broken)
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 200
    assert 'tellonce_collector_up{prefix="broken"} 0.0' in response.content.decode()
