"""Date arithmetic written into SQL the same way on SQLite and PostgreSQL, for the measures that
count in the database (ADR 0078). The statutory clocks the measures use are calendar weeks and
calendar months (tellonce.domain.timescales, tellonce.domain.reviews), so no holiday calendar is
needed: a date becomes a whole number of days (weeks are then `+ 7 * n`), and a calendar month key
compares "within n months" exactly as `domain.calendar.add_months` does, including its last day of
the month. Each function takes a column or expression already written as SQL and gives SQL for a query
run with parameters (so a literal % is written %%)."""

from datetime import date

from django.db import connection

EPOCH = date(1970, 1, 1)


def day_number(column: str) -> str:
    """The date as days since 1 January 1970 (NULL stays NULL)."""
    if connection.vendor == "postgresql":
        return f"({column} - DATE '1970-01-01')"
    return f"CAST(julianday({column}) - 2440587.5 AS INTEGER)"


def day_of(day: date) -> int:
    """The same number for a date known in Python, to pass as a parameter."""
    return (day - EPOCH).days


def month_text(column: str) -> str:
    """The date's month as 'YYYY-MM', the key the pages group by."""
    if connection.vendor == "postgresql":
        return f"to_char({column}, 'YYYY-MM')"
    return f"strftime('%%Y-%%m', {column})"


def year_of(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(EXTRACT(YEAR FROM {column}) AS INTEGER)"
    return f"CAST(strftime('%%Y', {column}) AS INTEGER)"


def month_key(column: str) -> str:
    """(year × 12 + month) × 32 + day. `a <= add_months(b, n)` holds exactly when
    `month_key(a) <= month_key(b) + 32 * n`: in an earlier month always; in the target month when
    a's day is at most b's day, which is the same as at most min(b's day, the month's last day)
    because a's day never passes the month's last day."""
    if connection.vendor == "postgresql":
        return (
            f"((CAST(EXTRACT(YEAR FROM {column}) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM {column}) AS INTEGER))"
            f" * 32 + CAST(EXTRACT(DAY FROM {column}) AS INTEGER))"
        )
    return (
        f"((CAST(strftime('%%Y', {column}) AS INTEGER) * 12 + CAST(strftime('%%m', {column}) AS INTEGER))"
        f" * 32 + CAST(strftime('%%d', {column}) AS INTEGER))"
    )


def date_of_number(expression: str) -> str:
    """The date `expression` (a day_number) stands for: day_number read backwards."""
    if connection.vendor == "postgresql":
        return f"(DATE '1970-01-01' + CAST({expression} AS INTEGER))"
    return f"date(2440587.5 + ({expression}))"
