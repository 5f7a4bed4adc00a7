# What mypy is told of Django: the choices in django.db.models. Every other name is Any (ADR 42).
from typing import Any

def __getattr__(name: str) -> Any: ...
