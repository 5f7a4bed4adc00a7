"""The files in deploy/ agree with the settings and with each other (docs/deploying.md, ADR 69).
The scripts deploy/debian/check.sh and deploy/container/build-and-check.sh run them for real."""

import configparser
import importlib.util
import math
import re
from base64 import b32encode
from pathlib import Path

import yaml
from django.conf import settings
from django_otp.oath import TOTP

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def _unit(name: str) -> configparser.ConfigParser:
    unit = configparser.ConfigParser(interpolation=None, strict=False)
    unit.optionxform = str  # keys as systemd writes them
    unit.read_string((DEPLOY / "debian" / name).read_text())
    return unit


def test_the_web_unit_runs_gunicorn_on_loopback_with_the_production_settings_and_the_env_file():
    service = _unit("tellonce-web.service")["Service"]
    assert service["ExecStart"].startswith(
        "/opt/tellonce/venv/bin/gunicorn --config python:tellonce.config.gunicorn tellonce.config.wsgi "
    )
    assert "--bind 127.0.0.1:8000" in service["ExecStart"]
    assert service["Environment"] == "DJANGO_SETTINGS_MODULE=tellonce.config.settings.production"
    assert service["EnvironmentFile"] == "/etc/tellonce/tellonce.env"
    assert service["User"] == "tellonce"


def test_the_worker_is_the_tellonce_worker_command_in_the_unit_and_the_compose_file():
    service = _unit("tellonce-worker.service")["Service"]
    assert service["ExecStart"] == "/opt/tellonce/venv/bin/tellonce worker"
    assert service["Environment"] == "DJANGO_SETTINGS_MODULE=tellonce.config.settings.production"
    compose = yaml.safe_load((DEPLOY / "container" / "compose.yaml").read_text())
    assert compose["services"]["worker"]["command"] == ["tellonce", "worker"]


def test_the_backup_timer_starts_the_backup_service_which_runs_tellonce_backup():
    assert _unit("tellonce-backup.timer")["Timer"]["OnCalendar"]
    service = _unit("tellonce-backup.service")["Service"]
    assert service["Type"] == "oneshot"
    assert "/opt/tellonce/venv/bin/tellonce backup --output " in service["ExecStart"]


def test_nginx_takes_exactly_the_largest_request_the_settings_take():
    site = (DEPLOY / "debian" / "tellonce.nginx").read_text()
    [size] = re.findall(r"client_max_body_size (\d+)m;", site)
    assert int(size) == math.ceil(settings.TELLONCE_MAX_REQUEST_MB)


def test_nginx_passes_the_headers_the_settings_trust():
    site = (DEPLOY / "debian" / "tellonce.nginx").read_text()
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in site
    production = (ROOT / "tellonce" / "config" / "settings" / "production.py").read_text()
    assert "HTTP_X_FORWARDED_PROTO" in production  # SECURE_PROXY_SSL_HEADER, read when not importable here
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in site
    env = (DEPLOY / "debian" / "tellonce.env.example").read_text()
    assert "TELLONCE_TRUSTED_PROXIES=1" in env.splitlines()


def test_the_sign_in_check_computes_the_same_code_as_the_authenticator_check():
    spec = importlib.util.spec_from_file_location("check_site", DEPLOY / "check-site.py")
    check_site = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check_site)
    key = bytes(range(20))
    shown = " ".join(b32encode(key).decode()[i : i + 4] for i in range(0, 32, 4))  # as the page shows it
    for at in (0, 1_700_000_000, 1_800_000_029):
        authenticator = TOTP(key)
        authenticator.time = at
        assert check_site.totp(shown, at) == f"{authenticator.token():06d}"


def test_gunicorn_keeps_idle_connections_longer_than_nginx_and_times_out_before_it():
    """nginx must close an idle upstream connection before gunicorn does, or it may send a request
    on a connection gunicorn is closing (ADR 81); and gunicorn's timeout must come first, so its
    answer is what a user meets."""
    from tellonce.config import gunicorn

    site = (DEPLOY / "debian" / "tellonce.nginx").read_text()
    upstream = site[site.index("upstream tellonce_web {") :].split("}", 1)[0]
    [idle] = re.findall(r"keepalive_timeout (\d+)s;", upstream)
    [read] = re.findall(r"proxy_read_timeout (\d+)s;", site)
    assert int(idle) < gunicorn.keepalive
    assert gunicorn.timeout < int(read)
    assert gunicorn.worker_class == "gthread" and gunicorn.threads > 1
