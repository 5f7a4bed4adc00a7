"""The `tellonce` command: runs Django management commands (`tellonce demo`, `tellonce migrate`...)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tellonce.config.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tellonce", *sys.argv[1:]])
