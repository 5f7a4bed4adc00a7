"""Every environment variable the settings read is documented, with its default, in
docs/configuration.md and in .env.example, so a council's IT team can see every knob."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SETTINGS = ROOT / "tellonce" / "config" / "settings"
READ = re.compile(r"""os\.environ(?:\.get\(|\[)\s*["']([A-Z][A-Z0-9_]+)["']""")
NAMES = sorted({name for path in SETTINGS.glob("*.py") for name in READ.findall(path.read_text())})


def test_the_settings_read_variables_at_all():
    assert {"DATABASE_URL", "TELLONCE_SECRET_KEY", "TELLONCE_METRICS_TOKEN"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_each_variable_the_settings_read_is_in_the_configuration_page_and_the_example(name):
    page = (ROOT / "docs" / "configuration.md").read_text()
    example = (ROOT / ".env.example").read_text()
    assert re.search(rf"^\| [^|]*`{name}`", page, re.MULTILINE), f"{name}: add a row to docs/configuration.md"
    assert re.search(rf"^(# )?{name}=", example, re.MULTILINE), f"{name}: add it to .env.example"
