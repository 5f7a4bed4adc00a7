"""The dashboard and list pages a council's staff open, each with a hand-written SQL floor: the
queries a person would write to read the same rows (the counts and the 50 rows shown) straight
from the tables, for one council. Shared by lists_bench.py and national_bench.py (ADR 0077)."""

import time
from datetime import date, timedelta

from common import median_ms, page_and_sql_ms
from django.db import connection
from django.test import Client

PLANS_IN_FORCE = """
    SELECT p.id, p.ref, p.child_id, c.given_name, c.family_name, u.first_name, u.last_name,
           p.transfer, p.transfer_before, p.review_in_progress, p.destination,
           CASE WHEN p.fifth_birthday > %(today)s THEN p.review_due_under_five ELSE p.review_due END AS due,
           p.age_limit, p.left_education_on, p.return_planned, p.moved_away_on, p.no_review_after,
           p.social_care_needs, p.social_care_provision, c.date_of_birth, c.nc_year_override,
           c.primary_need, c.looked_after, c.child_in_need, c.setting_id
    FROM plans_plan p JOIN people_child c ON c.id = p.child_id
    LEFT JOIN accounts_user u ON u.id = p.coordinator_id
    WHERE p.local_authority_id = %(la)s AND p.in_force_version_id IS NOT NULL
      AND (p.ceased_on IS NULL OR p.ceased_on >= %(today)s) {mine}
"""
# The schedule needs nothing of the child but the names of the 50 plans shown: the due date that
# applies is kept on the plan (ADR 98), so the plans are counted and the page chosen from them alone.
PLANS_DUE = """
    SELECT p.id, p.ref, p.transfer_before,
           CASE WHEN p.fifth_birthday > %(today)s THEN p.review_due_under_five ELSE p.review_due END AS due
    FROM plans_plan p
    WHERE p.local_authority_id = %(la)s AND p.in_force_version_id IS NOT NULL
      AND (p.ceased_on IS NULL OR p.ceased_on >= %(today)s) {mine}
"""
# The attention list's facts are all kept on the plan (ADR 100), and the adulthood lists' (ADR
# 105): counted and chosen from the plans
PLANS_KEPT = """
    SELECT p.id, p.ref, p.age_limit, p.left_education_on, p.return_planned, p.moved_away_on,
           p.has_setting, p.no_review_after, p.born_on, p.nc_year, p.adult_care_likely, p.destination,
           p.social_care_needs, p.social_care_provision
    FROM plans_plan p
    WHERE p.local_authority_id = %(la)s AND p.in_force_version_id IS NOT NULL
      AND (p.ceased_on IS NULL OR p.ceased_on >= %(today)s)
"""
ATTENTION = """(age_limit < %(today)s) OR (left_education_on IS NOT NULL AND NOT return_planned)
    OR moved_away_on IS NOT NULL OR (NOT has_setting AND left_education_on IS NULL)
    OR no_review_after < %(today)s"""
REASONS = """((age_limit < %(today)s)::int + (left_education_on IS NOT NULL AND NOT return_planned)::int
    + (moved_away_on IS NOT NULL)::int + (NOT has_setting AND left_education_on IS NULL)::int
    + (no_review_after < %(today)s)::int)"""
OPEN_CASES = """
    SELECT a.id, a.ref, a.next_step, a.next_step_due, c.given_name, c.family_name, u.first_name
    FROM assessments_assessmentrequest a JOIN people_child c ON c.id = a.child_id
    LEFT JOIN accounts_user u ON u.id = a.coordinator_id
    WHERE a.local_authority_id = %(la)s
      AND a.stage IN ('awaiting_decision', 'assessing', 'draft_issued') {mine}
"""

COORDINATORS = """SELECT id, first_name, last_name FROM accounts_user
    WHERE role = 'ehc_coordinator' AND local_authority_id = %(la)s ORDER BY last_name, first_name"""


def _floor_queries(path: str, coordinator: bool) -> list[str]:
    """The SQL a person would write for the page's counts and rows."""
    if path == "/reviews/":
        mine = "AND p.coordinator_id = %(user)s" if coordinator else ""
        plans = PLANS_DUE.format(mine=mine)
        steps_mine = "AND p.coordinator_id = %(user)s" if coordinator else ""
        steps = f"""FROM reviews_annualreview r JOIN plans_plan p ON p.id = r.plan_id
            JOIN people_child c ON c.id = p.child_id
            WHERE c.local_authority_id = %(la)s AND r.next_step_due IS NOT NULL {steps_mine}"""
        return [
            f"""WITH p AS ({plans}) SELECT count(*), count(*) FILTER (WHERE transfer_before IS NOT NULL),
                count(*) FILTER (WHERE due < %(today)s), count(*) FILTER (WHERE due >= %(today)s
                AND due <= %(term)s), count(*) FILTER (WHERE due > %(term)s) FROM p""",
            f"""WITH page AS ({plans} ORDER BY transfer_before NULLS LAST, due, ref LIMIT 50)
                SELECT p.id, p.ref, p.child_id, c.given_name, c.family_name, u.first_name, u.last_name,
                       p.transfer, page.transfer_before, p.review_in_progress, page.due
                FROM page JOIN plans_plan p ON p.id = page.id JOIN people_child c ON c.id = p.child_id
                LEFT JOIN accounts_user u ON u.id = p.coordinator_id
                ORDER BY page.transfer_before NULLS LAST, page.due, page.ref""",
            "SELECT r.plan_id, r.id FROM reviews_annualreview r WHERE r.decision_notified_on IS NULL"
            " AND r.plan_id IN (SELECT id FROM plans_plan ORDER BY ref LIMIT 50)",
            f"SELECT r.id, r.next_step, r.next_step_due, c.given_name {steps} ORDER BY r.next_step_due, r.id LIMIT 50",
            f"SELECT count(*) {steps}",
        ]
    if path == "/reviews/attention/":
        plans = PLANS_KEPT
        return [
            f"""WITH p AS ({plans}) SELECT count(*) FILTER (WHERE {ATTENTION}),
                count(*) FILTER (WHERE age_limit < %(today)s),
                count(*) FILTER (WHERE left_education_on IS NOT NULL AND NOT return_planned),
                count(*) FILTER (WHERE moved_away_on IS NOT NULL),
                count(*) FILTER (WHERE NOT has_setting AND left_education_on IS NULL),
                count(*) FILTER (WHERE no_review_after < %(today)s) FROM p""",
            f"""WITH page AS (SELECT *, {REASONS} AS reasons FROM ({plans}) p WHERE {ATTENTION}
                ORDER BY {REASONS} DESC, ref LIMIT 50)
                SELECT page.*, c.given_name, c.family_name, c.date_of_birth
                FROM page JOIN plans_plan p ON p.id = page.id JOIN people_child c ON c.id = p.child_id
                ORDER BY page.reasons DESC, page.ref""",
        ]
    if path == "/reviews/adulthood/":
        # What both lists filter and sort on is kept on the plan (ADR 105): counted and chosen from
        # the plans, and only the 50 of each page read with their children.
        plans = PLANS_KEPT
        care = "adult_care_likely AND born_on <= %(age14)s AND born_on > %(age18)s"
        child = """SELECT page.*, c.given_name, c.family_name, c.date_of_birth, c.primary_need,
                c.looked_after, c.child_in_need FROM page JOIN plans_plan p ON p.id = page.id
                JOIN people_child c ON c.id = p.child_id"""
        return [
            f"WITH p AS ({plans}) SELECT count(*) FROM p WHERE {care}",
            f"""WITH page AS (SELECT * FROM ({plans}) p WHERE {care} ORDER BY born_on, ref LIMIT 50)
                {child} ORDER BY page.born_on, page.ref""",
            f"""WITH p AS ({plans}) SELECT count(*), count(*) FILTER (WHERE destination <> '')
                FROM p WHERE nc_year IN (11, 13)""",
            f"""WITH page AS (SELECT * FROM ({plans}) p WHERE nc_year IN (11, 13)
                ORDER BY nc_year, destination <> '', ref LIMIT 50) {child}
                ORDER BY page.nc_year, page.destination <> '', page.ref""",
        ]
    if path.startswith("/caseload/children/"):
        mine = "AND c.coordinator_id = %(user)s" if coordinator else ""
        where = f"FROM people_child c WHERE c.local_authority_id = %(la)s AND c.anonymised_on IS NULL {mine}"
        rows = f"""SELECT c.id, c.given_name, c.preferred_name, c.family_name, c.date_of_birth, c.nc_year_override,
            c.sen_status, s.name FROM people_child c LEFT JOIN organisations_setting s ON s.id = c.setting_id
            WHERE c.local_authority_id = %(la)s AND c.anonymised_on IS NULL {mine}
            ORDER BY c.family_name, c.given_name LIMIT 50"""
        # The manager's page lists the council's coordinators to choose from.
        return [f"SELECT count(*) {where}", rows] + ([] if coordinator else [COORDINATORS])
    if path.startswith("/caseload/"):
        cases = OPEN_CASES.format(mine="AND a.coordinator_id = %(user)s" if coordinator else "")
        overdue = "WHERE next_step_due < %(today)s" if "overdue" in path else ""
        return [
            f"""WITH a AS ({cases}) SELECT count(*) FILTER (WHERE next_step_due < %(today)s),
                count(*) FILTER (WHERE next_step_due BETWEEN %(today)s AND %(soon)s),
                count(*) FILTER (WHERE next_step_due > %(soon)s) FROM a {overdue}""",
            f"WITH a AS ({cases}) SELECT * FROM a {overdue} ORDER BY next_step_due, ref LIMIT 50",
            # the filter's choices: localities, and for the manager the council's coordinators
            "SELECT id, name FROM organisations_locality WHERE local_authority_id = %(la)s",
        ] + ([] if coordinator else [COORDINATORS])
    if path == "/returns/sen2/":
        # The kept check (ADR 101), and one page of its findings with the children's names joined
        return [
            "SELECT * FROM returns_returncheck WHERE local_authority_id = %(la)s AND year = %(year)s",
            """SELECT f.*, c.given_name, c.family_name FROM returns_returnfinding f
                JOIN returns_returncheck k ON k.id = f.return_check_id
                LEFT JOIN people_child c ON c.id = f.child_id
                WHERE k.local_authority_id = %(la)s AND k.year = %(year)s ORDER BY f.position LIMIT 50""",
        ]
    raise ValueError(path)


def check_the_return(user, today: date) -> float:
    """Check the SEN2 return as the manager does, so that its page shows a kept check (ADR 101);
    prints and returns the milliseconds the check took."""
    from tellonce.returns.views import years_offered

    client = Client()
    client.force_login(user)
    started = time.perf_counter()
    response = client.post("/returns/sen2/check/", {"year": years_offered(today)[0]})
    took = (time.perf_counter() - started) * 1000
    assert response.status_code == 302, response.status_code
    print(f"  {'manager':>11}'s SEN2 check (POST)     {took:7.1f} ms (once, kept for its page)", flush=True)
    return took


PAGES = [
    ("manager", "/reviews/"),
    ("coordinator", "/reviews/"),
    ("manager", "/reviews/attention/"),
    ("manager", "/reviews/adulthood/"),
    ("manager", "/caseload/"),
    ("manager", "/caseload/overdue/"),
    ("coordinator", "/caseload/"),
    ("manager", "/caseload/children/"),
    ("coordinator", "/caseload/children/"),
    ("manager", "/returns/sen2/"),
]


def _params(la: int, user: int, today: date) -> dict:
    from tellonce.domain import reviews as rules
    from tellonce.returns.views import years_offered
    from tellonce.reviews.stored import years_before

    _, term_ends = rules.term_of(today)
    return {
        "la": la,
        "user": user,
        "today": today,
        "age14": years_before(today, 14),
        "age18": years_before(today, 18),
        "term": term_ends,
        "soon": today + timedelta(days=14),
        "year": years_offered(today)[0],
    }


def measure(
    users: dict, *, runs: int, today: date, fixed_sql: float = 0.0
) -> dict[tuple[str, str], tuple[float, float]]:
    """Each page's median time and its floor's, for `users` ({"manager": User, "coordinator": User}
    of one council); prints a line a page: the page, the time its queries (the access log's write
    apart) and its templates took, the floor, and the page's queries beside the floor, with and
    without the access log, which no floor writes. The fixed cost every page pays (session,
    menu and layout) is measured on its own by `fixed_cost`; its queries, `fixed_sql`, are taken
    from the page's before they are set beside the floor."""
    client = Client()
    found = {("manager", "SEN2 check (POST, once)"): (check_the_return(users["manager"], today), None)}
    for who, path in PAGES:
        user = users[who]
        client.force_login(user)
        assert client.get(path).status_code == 200, (who, path)
        timed = page_and_sql_ms(lambda path=path: client.get(path), runs)
        page, sql = timed.page, timed.sql
        queries = _floor_queries(path, who == "coordinator")
        params = _params(user.local_authority_id, user.pk, today)

        def floor(queries=queries, params=params):
            with connection.cursor() as cursor:
                for sql in queries:
                    cursor.execute(sql, params)
                    cursor.fetchall()

        floor()
        low = median_ms(floor, runs)
        found[(who, path)] = (page, low)
        reads = sql - timed.log - fixed_sql
        print(
            f"  {who:>11}'s {path:<22} {page:7.1f} ms (its {timed.queries} queries {sql:6.1f} ms, of which the "
            f"access log {timed.log:4.1f} ms; templates {timed.template:5.1f} ms; the rest "
            f"{page - sql - timed.template:5.1f} ms)   floor {low:6.1f} ms   {page / low:5.1f} times the floor "
            f"(its own queries {(sql - fixed_sql) / low:4.1f}, its reads {reads / low:4.1f})   {page / 300:4.2f} of 300 ms",
            flush=True,
        )
    return found


def fixed_cost(user, *, runs: int):
    """The median times of a signed-in page that shows no records (the account page): the page, its
    queries and its templates (`common.PageTime`), what every page pays for the session, the second
    factor, the menu and the layout."""
    client = Client()
    client.force_login(user)
    path = "/accounts/"
    assert client.get(path).status_code == 200
    return page_and_sql_ms(lambda: client.get(path), runs)
