"""Waiting-list measures counted in the database: for each service and each locality, the list on
a day as `domain.waiting.snapshot` gives it (the number waiting, by band of weeks waited, the
median and 92nd percentile, beyond the service's standard), the children seen and referred in the
recent weeks (for the time to clear) and the monthly flows, in one query whatever the number of
referrals. `measures.summary`, `measures.by_locality` and `measures.flows` over every referral
read into Python stay the reference; a test checks both give the same figures.

How the rules become SQL, without date arithmetic (which SQLite and PostgreSQL spell differently):
- still waiting (`is_waiting`): referred by the day, not rejected, the service's clock event and
  the discharge both still to come;
- everyone still waiting has waited until the day, so weeks waited only grow as the referral gets
  older: a band or the standard is a range of referral dates, and the nearest-rank percentile
  (`percentile`, rank ceil(p n / 100)) is the referral at that rank counted from the latest, found
  with ROW_NUMBER over the children waiting in the service (or in the locality);
- months of the flows are ranges of dates.
The bootstrap comparison of two localities needs the waits themselves: `weeks_waiting` reads only
the referral dates of those two localities, in one query."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection
from django.db.models import Q

from tellonce.core.db import day_of_row, read_rows
from tellonce.domain import waiting as rules
from tellonce.organisations.models import Locality
from tellonce.waiting_lists.measures import still_waiting
from tellonce.waiting_lists.models import Referral, WaitingService

NOT_KNOWN = "Not known"
PERCENTILES = (50, 92)


@dataclass(frozen=True)
class Counted:
    """One service's figures on a day: the summary's, each locality's list, and the flows."""

    snapshot: rules.ListSnapshot
    seen_recently: int
    referred_recently: int
    localities: list[tuple[str, rules.ListSnapshot]]
    flows: list[rules.MonthFlow]


def _event_column() -> str:
    return (
        "CASE s.clock_event WHEN 'first_contact' THEN r.first_contact_on"
        " WHEN 'assessment' THEN r.assessed_on ELSE r.treatment_on END"
    )


def _months(start: date, end: date) -> list[tuple[str, date, date]]:
    found, day = [], date(start.year, start.month, 1)
    while day <= end:
        following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        found.append((f"{day:%Y-%m}", max(day, start), min(following - timedelta(days=1), end)))
        day = following
    return found


def count(
    services: list[WaitingService],
    today: date,
    *,
    local_authority_id: int | None = None,
    recent_weeks: int = 12,
    flows_from: date | None = None,
    by_locality: bool = True,
) -> dict[int, Counted]:
    """Each service's figures on `today`, by service id, in one query (none when no service).
    `local_authority_id` counts only that council's children, read through the referral's own
    council key (its child's council, ADR 80); `flows_from` adds the monthly flows from that day to
    `today`; without `by_locality` the localities are not counted (an empty list), so the list is
    ranked once, not also within each locality. Only the referrals some figure counts are ranked
    (`_counting`), with one row counting nothing for each locality, so that every locality with a
    referral is still shown."""
    if not services:
        return {}
    q = connection.ops.quote_name
    since = today - timedelta(weeks=recent_weeks)
    months = _months(flows_from, today) if flows_from is not None else []
    params, p = _binder()
    standard = _standard(services, today, p)
    bands = _bands(today, p, "waiting = 1 AND ")
    ranks = [
        f"MAX(CASE WHEN waiting = 1 AND {rn} = ({pc} * {n} + 99) / 100 THEN referred_on END)"
        for rn, n in (("rn_group", "n_group"), ("rn_all", "n_all"))
        for pc in PERCENTILES
    ]
    flows = [
        f"SUM(CASE WHEN {column} >= {p(first)} AND {column} <= {p(last)} THEN 1 ELSE 0 END)"
        for _, first, last in months
        for column in ("referred_on", "event_on", "discharged_on")
    ]
    columns = [
        "SUM(waiting)",
        f"SUM(CASE WHEN waiting = 1 AND referred_on <= CASE service_id {standard} END THEN 1 ELSE 0 END)",
        f"SUM(CASE WHEN event_on > {p(since)} AND event_on <= {p(today)} THEN 1 ELSE 0 END)",
        f"SUM(CASE WHEN referred_on > {p(since)} AND referred_on <= {p(today)} THEN 1 ELSE 0 END)",
        *bands,
        *ranks,
        *flows,
    ]
    event = _event_column()
    waiting = _waiting_on(today, event, p)
    council = _council(local_authority_id, p)
    service_ids = ", ".join(p(s.pk) for s in services)
    if by_locality:
        group = f"COALESCE(NULLIF(l.name, ''), {p(NOT_KNOWN)})"
        locality = f" LEFT JOIN {q(Locality._meta.db_table)} l ON l.id = r.locality_id"
        within_group = """ROW_NUMBER() OVER (PARTITION BY service_id, grp, waiting ORDER BY referred_on DESC) AS rn_group,
                   COUNT(*) OVER (PARTITION BY service_id, grp, waiting) AS n_group,"""
    else:
        group, locality, within_group = "''", "", "0 AS rn_group, 0 AS n_group,"
    counting = _counting(waiting, event, since, today, flows_from, p)
    referrals = f"""{q(Referral._meta.db_table)} r
              JOIN {q(WaitingService._meta.db_table)} s ON s.id = r.service_id{locality}
             WHERE r.service_id IN ({service_ids}){council}"""
    # Each locality with any referral is shown, though none of its referrals counts: one row each,
    # counting nothing (not waiting, no day), keeps it among the groups.
    every_group = (
        f"""
            UNION ALL
            SELECT r.service_id, {group}, NULL, NULL, NULL, 0
              FROM {referrals}
             GROUP BY 1, 2"""
        if by_locality
        else ""
    )
    sql = f"""
        WITH base AS (
            SELECT r.service_id, {group} AS grp, r.referred_on, {event} AS event_on,
                   r.discharged_on, CASE WHEN {waiting} THEN 1 ELSE 0 END AS waiting
              FROM {referrals}{counting}{every_group}
        ), ranked AS (
            SELECT base.*,
                   {within_group}
                   ROW_NUMBER() OVER (PARTITION BY service_id, waiting ORDER BY referred_on DESC) AS rn_all,
                   COUNT(*) OVER (PARTITION BY service_id, waiting) AS n_all
              FROM base
        )
        SELECT service_id, grp, {", ".join(columns)} FROM ranked GROUP BY service_id, grp
    """
    rows = read_rows(sql, params, model=Referral)
    return _assemble(services, today, rows, months, by_locality)


def lists_today(
    services: list[WaitingService], today: date, *, local_authority_id: int | None = None
) -> dict[int, rules.ListSnapshot]:
    """Each service's list on `today` as `count` gives its snapshot, by service id, for a page that
    shows no locality, no recent weeks and no flows (the partnership dashboard): one query over
    the children still waiting alone, ranked once a service."""
    if not services:
        return {}
    q = connection.ops.quote_name
    params, p = _binder()
    standard = _standard(services, today, p)
    bands = _bands(today, p)
    ranks = [f"MAX(CASE WHEN rn = ({pc} * n + 99) / 100 THEN referred_on END)" for pc in PERCENTILES]
    event = _event_column()
    council = _council(local_authority_id, p)
    service_ids = ", ".join(p(s.pk) for s in services)
    sql = f"""
        WITH w AS (
            SELECT r.service_id, r.referred_on,
                   ROW_NUMBER() OVER (PARTITION BY r.service_id ORDER BY r.referred_on DESC) AS rn,
                   COUNT(*) OVER (PARTITION BY r.service_id) AS n
              FROM {q(Referral._meta.db_table)} r
              JOIN {q(WaitingService._meta.db_table)} s ON s.id = r.service_id
             WHERE r.service_id IN ({service_ids}){council} AND {_waiting_on(today, event, p)}
        )
        SELECT service_id, COUNT(*),
               SUM(CASE WHEN referred_on <= CASE service_id {standard} END THEN 1 ELSE 0 END),
               {", ".join([*bands, *ranks])}
          FROM w GROUP BY service_id
    """
    width = len(rules.BANDS)
    found = {s.pk: _snapshot(today, 0, 0, [0] * width, [None] * len(PERCENTILES)) for s in services}
    for service_id, waiting, over, *values in read_rows(sql, params, model=Referral):
        found[service_id] = _snapshot(
            today, waiting, over, values[:width], [day_of_row(d) for d in values[width:]]
        )
    return found


def _binder() -> tuple[dict, Callable[[object], str]]:
    """The parameters of one query, and `p`, which binds a value and gives its placeholder."""
    params: dict = {}

    def p(value) -> str:
        name = f"p{len(params)}"
        params[name] = value
        return f"%({name})s"

    return params, p


def _standard(services, today: date, p) -> str:
    """The day before which a referral to each service is over its standard: `CASE service_id ...`'s arms."""
    return " ".join(f"WHEN {p(s.pk)} THEN {p(today - timedelta(weeks=s.clock_weeks))}" for s in services)


def _bands(today: date, p, only: str = "") -> list[str]:
    """How many have waited within each of the domain's bands (`only`: a further condition)."""
    return [
        f"SUM(CASE WHEN {only}referred_on <= {p(today - timedelta(weeks=lo))}"
        + (f" AND referred_on > {p(today - timedelta(weeks=hi))}" if hi is not None else "")
        + " THEN 1 ELSE 0 END)"
        for lo, hi in rules.BANDS
    ]


def _waiting_on(today: date, event: str, p) -> str:
    """A referral `r` still waiting on `today`: referred by then, not refused, not yet seen, not discharged."""
    return (
        f"r.referred_on <= {p(today)} AND (r.accepted IS NULL OR r.accepted = {p(True)})"
        f" AND ({event} IS NULL OR {event} > {p(today)})"
        f" AND (r.discharged_on IS NULL OR r.discharged_on > {p(today)})"
    )


def _counting(waiting: str, event: str, since: date, today: date, flows_from: date | None, p) -> str:
    """Only the referrals some figure counts: those still waiting (the list, its bands and its
    ranks), seen or referred in the recent weeks, and any of whose three days falls within the
    flows. The rest (seen or discharged long ago, most of a service's referrals) count nothing,
    and leaving them out spares ranking them (ADR 94)."""
    kept = [
        waiting,
        f"({event} > {p(since)} AND {event} <= {p(today)})",
        f"(r.referred_on > {p(since)} AND r.referred_on <= {p(today)})",
    ]
    if flows_from is not None:
        kept += [
            f"({column} >= {p(flows_from)} AND {column} <= {p(today)})"
            for column in ("r.referred_on", event, "r.discharged_on")
        ]
    return f" AND ({' OR '.join(f'({k})' for k in kept)})"


def _council(local_authority_id: int | None, p) -> str:
    """Only the council's referrals, by the referral's own key, its child's council (ADR 80)."""
    return "" if local_authority_id is None else f" AND r.local_authority_id = {p(local_authority_id)}"


def _assemble(services, today: date, rows, months, by_locality: bool = True) -> dict[int, Counted]:
    width = len(rules.BANDS)
    groups: dict[int, dict[str, tuple]] = {s.pk: {} for s in services}
    for service_id, group, *values in rows:
        groups[service_id][group] = tuple(values)
    found = {}
    for service in services:
        by_group = groups[service.pk]
        totals = [sum(v[i] or 0 for v in by_group.values()) for i in range(4 + width)]
        service_ranks = [
            next((day_of_row(v[4 + width + 2 + i]) for v in by_group.values() if v[4 + width + 2 + i]), None)
            for i in range(len(PERCENTILES))
        ]
        snapshot = _snapshot(today, totals[0], totals[1], totals[4 : 4 + width], service_ranks)
        localities = sorted(
            (
                name,
                _snapshot(
                    today,
                    v[0] or 0,
                    v[1] or 0,
                    [n or 0 for n in v[4 : 4 + width]],
                    [day_of_row(v[4 + width + i]) for i in range(len(PERCENTILES))],
                ),
            )
            for name, v in by_group.items()
            if by_locality
        )
        start = 4 + width + 2 * len(PERCENTILES)
        flows = [
            rules.MonthFlow(
                month,
                *(sum(v[start + 3 * m + k] or 0 for v in by_group.values()) for k in range(3)),
            )
            for m, (month, _, _) in enumerate(months)
        ]
        found[service.pk] = Counted(snapshot, totals[2], totals[3], localities, flows)
    return found


def _snapshot(today: date, waiting: int, over: int, bands, ranked: list[date | None]) -> rules.ListSnapshot:
    median, p92 = (None if day is None else (today - day).days / 7 for day in ranked)
    labelled = tuple(
        (rules.band_label(lo, hi), int(n)) for (lo, hi), n in zip(rules.BANDS, bands, strict=True)
    )
    return rules.ListSnapshot(today, int(waiting), labelled, median, p92, int(over))


def weeks_waiting(
    service: WaitingService, today: date, groups: list[str], *, local_authority_id: int | None = None
) -> dict[str, list[float]]:
    """The weeks each child still waiting in each of `groups` (locality names, or NOT_KNOWN) has
    waited on `today`, oldest referral first (as the Python measures read them), in one query."""
    found = still_waiting(service, today)
    if local_authority_id is not None:
        found = found.filter(local_authority_id=local_authority_id)
    named = [g for g in groups if g != NOT_KNOWN]
    where = Q(locality__name__in=named)
    if NOT_KNOWN in groups:
        where |= Q(locality__isnull=True) | Q(locality__name="")
    weeks: dict[str, list[float]] = {g: [] for g in groups}
    for name, referred in (
        found.filter(where).order_by("referred_on").values_list("locality__name", "referred_on")
    ):
        weeks[name or NOT_KNOWN].append((today - referred).days / 7)
    return weeks
