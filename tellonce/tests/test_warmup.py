"""A new web worker readies itself before its first request (tellonce/config/warmup.py, ADR 91)."""

import logging

import pytest
from django.template import engines
from django.urls import URLResolver, get_resolver

from tellonce.config import warmup


def _patterns(patterns) -> int:
    return sum(_patterns(p.url_patterns) if isinstance(p, URLResolver) else 1 for p in patterns)


def test_every_template_is_compiled_and_every_view_imported_without_reading_the_database():
    """No database mark: pytest-django refuses any query here, so a step that read the database
    would fail (and the worker would not start while PostgreSQL is away)."""
    env = engines["jinja2"].env
    env.cache.clear()
    done = warmup.warm()
    names = env.list_templates(extensions=["html", "txt", "xml", "svg", "jinja"])
    assert done["templates"] == len(names) > 100
    # The environment's cache keys each template by its loader and its name.
    cached = {name for (_loader, name) in env.cache}
    assert set(names) <= cached
    assert done["views"] == _patterns(get_resolver().url_patterns) > 100
    assert done["charts"] == 1
    assert done["bank holidays"] >= 8 * 12  # at least eight a year, for the twelve years around today


def test_a_step_that_fails_is_logged_and_the_others_still_run(monkeypatch, caplog):
    def broken() -> int:
        raise RuntimeError("no engine")

    monkeypatch.setitem(warmup.STEPS, "charts", broken)
    with caplog.at_level(logging.ERROR, logger="tellonce.config.warmup"):
        done = warmup.warm()
    assert done["charts"] is None
    assert done["templates"] and done["views"]
    assert "charts failed" in caplog.text and "no engine" in caplog.text


@pytest.mark.parametrize("option", ["worker_class", "workers", "threads", "keepalive", "timeout"])
def test_the_server_settings_are_gunicorns_own_names(option):
    """A misspelt setting in the config module would be ignored by gunicorn without a word."""
    from gunicorn.config import Config

    from tellonce.config import gunicorn

    assert option in Config().settings
    assert getattr(gunicorn, option)
