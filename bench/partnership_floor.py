"""The partnership dashboard's figures counted by hand in SQL on PostgreSQL (the floor the
dashboard is measured against in partnership_bench.py and dashboard_measures_bench.py), with
`params` for its placeholders (called once Django is set up).

Every figure the page shows is counted (issue 25, third session): the DfE's review measure by the
SEN2 return's rule (each plan's latest meeting by census day, for plans in the return), amended
plans on time (notice, issue and due day), the waiting lists today and the groups of the cohort
heard in the survey answers, beside the simpler counts of the first floor."""

# The same figures counted by hand in SQL, one grouped query per source, 37 months.
FLOOR = """
SELECT date_trunc('month', a.decision_notified_on), count(*),
       count(*) FILTER (WHERE a.decision_notified_on <= a.received_on + 42)
  FROM assessments_assessmentrequest a JOIN people_child c ON c.id = a.child_id
 WHERE c.local_authority_id = %(la)s AND a.kind = 'initial' AND a.decision_notified_on >= %(first)s
 GROUP BY 1;
SELECT date_trunc('month', a.final_issued_on), count(*),
       count(*) FILTER (WHERE a.final_issued_on <= a.received_on + 140),
       count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM assessments_timescaleexception e WHERE e.assessment_id = a.id)),
       count(*) FILTER (WHERE a.final_issued_on <= a.received_on + 140
                        AND NOT EXISTS (SELECT 1 FROM assessments_timescaleexception e WHERE e.assessment_id = a.id))
  FROM assessments_assessmentrequest a JOIN people_child c ON c.id = a.child_id
 WHERE c.local_authority_id = %(la)s AND a.kind = 'initial' AND a.final_issued_on >= %(first)s
 GROUP BY 1;
WITH made AS (SELECT plan_id, min(issued_on) AS d FROM plans_planversion
               WHERE local_authority_id = %(la)s AND status = 'issued' GROUP BY plan_id),
r AS (SELECT r.decision_notified_on AS n, coalesce(r.held_on, r.meeting_on) AS m,
             coalesce(made.d, a.final_issued_on) AS s, p.ceased_on AS c,
             lead(coalesce(r.held_on, r.meeting_on)) OVER (PARTITION BY r.plan_id
               ORDER BY coalesce(r.held_on, r.meeting_on), r.created_at DESC, r.id DESC) AS next_m
        FROM reviews_annualreview r JOIN plans_plan p ON p.id = r.plan_id
        LEFT JOIN assessments_assessmentrequest a ON a.id = p.assessment_id LEFT JOIN made ON made.plan_id = r.plan_id
       WHERE r.local_authority_id = %(la)s AND coalesce(r.held_on, r.meeting_on) IS NOT NULL),
y AS (SELECT make_date(y, 1, 1) AS y_first, make_date(y, 12, 31) AS y_last, census
        FROM unnest(%(years)s::int[], %(census)s::date[]) AS t(y, census))
SELECT date_trunc('month', r.n), count(*), count(*) FILTER (WHERE r.n <= r.m + 28)
  FROM r JOIN y ON r.n BETWEEN y.y_first AND y.y_last
 WHERE r.n >= %(first)s AND r.n <= y.census AND r.m <= y.census AND (r.next_m IS NULL OR r.next_m > y.census)
   AND ((r.s <= y.census AND (r.c IS NULL OR r.c > y.census)) OR r.c BETWEEN y.y_first AND y.y_last)
 GROUP BY 1;
WITH r AS (SELECT r.decision, coalesce(r.held_on, r.meeting_on) AS m,
             CASE WHEN r.amendment_version_id IS NOT NULL AND v.status <> 'working' THEN v.served_on
                  ELSE r.imported_amendment_notice_on END AS notice,
             CASE WHEN x.number IS NOT NULL THEN x.issued_on
                  ELSE r.imported_amended_final_on END AS final
        FROM reviews_annualreview r LEFT JOIN plans_planversion v ON v.id = r.amendment_version_id
        LEFT JOIN LATERAL (SELECT issued_on, number FROM plans_planversion
                            WHERE based_on_id = r.amendment_version_id AND kind = 'amended' AND status = 'issued'
                            ORDER BY number LIMIT 1) x ON true
       WHERE r.local_authority_id = %(la)s AND r.decision_notified_on BETWEEN %(first)s AND %(today)s),
d AS (SELECT final, CASE WHEN decision = 'amend' OR notice IS NOT NULL THEN least(notice + 56, m + 84) END AS due FROM r)
SELECT date_trunc('month', coalesce(final, due)), count(*), count(*) FILTER (WHERE final <= due)
  FROM d WHERE due IS NOT NULL AND (final IS NOT NULL OR due < %(today)s)
 GROUP BY 1;
SELECT date_trunc('month', coalesce(r.held_on, r.meeting_on)), count(DISTINCT r.id),
       count(DISTINCT r.id) FILTER (WHERE t.attended OR t.sent_advice)
  FROM reviews_reviewattendance t JOIN reviews_annualreview r ON r.id = t.review_id
  JOIN plans_plan p ON p.id = r.plan_id JOIN people_child c ON c.id = p.child_id
 WHERE c.local_authority_id = %(la)s AND t.agency = 'health' AND coalesce(r.held_on, r.meeting_on) >= %(first)s
 GROUP BY 1;
SELECT date_trunc('month', a.received_on), a.service = 'social_care', count(*),
       count(*) FILTER (WHERE a.received_on <= a.requested_on + 42)
  FROM advice_advicerequest a JOIN people_child c ON c.id = a.child_id
 WHERE c.local_authority_id = %(la)s AND a.purpose = 'assessment' AND a.received_on >= %(first)s
 GROUP BY 1, 2;
SELECT date_trunc('month', v.issued_on), count(*),
       count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM plans_versionfinding f
                                           WHERE f.plan_version_id = v.id AND f.code = ANY(%(must)s)))
  FROM plans_planversion v JOIN plans_plan p ON p.id = v.plan_id JOIN people_child c ON c.id = p.child_id
 WHERE c.local_authority_id = %(la)s AND v.status = 'issued' AND v.issued_on >= %(first)s
 GROUP BY 1;
SELECT date_trunc('month', r.submitted_on), count(*), count(*) FILTER (WHERE a.score >= 4)
  FROM feedback_answer a JOIN feedback_response r ON r.id = a.response_id JOIN feedback_survey s ON s.id = r.survey_id
  JOIN feedback_question q ON q.id = a.question_id
 WHERE s.local_authority_id = %(la)s AND q.kind = 'agree' AND a.score >= 1 AND r.submitted_on >= %(first)s
 GROUP BY 1;
SELECT date_trunc('month', p.ceased_on), p.cease_reason, count(*)
  FROM plans_plan p JOIN people_child c ON c.id = p.child_id
 WHERE c.local_authority_id = %(la)s AND p.ceased_on >= %(first)s
 GROUP BY 1, 2;
SELECT sen_status, count(*) FROM people_child WHERE local_authority_id = %(la)s GROUP BY 1;
SELECT primary_need, count(*) FROM people_child WHERE local_authority_id = %(la)s GROUP BY 1;
SELECT s.id, count(*), percentile_disc(0.5) WITHIN GROUP (ORDER BY %(today)s - r.referred_on),
       percentile_disc(0.92) WITHIN GROUP (ORDER BY %(today)s - r.referred_on),
       count(*) FILTER (WHERE %(today)s - r.referred_on >= 7 * s.clock_weeks)
  FROM waiting_lists_referral r JOIN waiting_lists_waitingservice s ON s.id = r.service_id
 WHERE r.local_authority_id = %(la)s AND s.local_authority_id = %(la)s
   AND r.referred_on <= %(today)s AND r.accepted IS NOT FALSE
   AND (r.discharged_on IS NULL OR r.discharged_on > %(today)s)
   AND coalesce(CASE s.clock_event WHEN 'first_contact' THEN r.first_contact_on
                 WHEN 'assessment' THEN r.assessed_on ELSE r.treatment_on END, 'infinity') > %(today)s
 GROUP BY s.id;
SELECT c.ethnicity, l.name, c.primary_need, count(*)
  FROM people_child c LEFT JOIN organisations_locality l ON l.id = c.locality_id
 WHERE c.local_authority_id = %(la)s AND c.sen_status <> 'NONE' GROUP BY 1, 2, 3;
SELECT ethnicity, locality, primary_need, count(*) FROM feedback_response WHERE local_authority_id = %(la)s GROUP BY 1, 2, 3;
SELECT measure, year, level, la_code, region_code, numerator, denominator FROM benchmarks_publishedfigure
 WHERE measure IN ('requests_decided_in_6_weeks', 'plans_in_20_weeks_including_exceptions',
                   'plans_in_20_weeks_excluding_exceptions', 'review_decisions_in_4_weeks');
"""


def params(council_id: int, first, today=None) -> dict:
    """The floor's parameters: the council, the first day counted, today (by default the UK's), the
    codes of the checks a plan must put right (the partnership's "plans issued without a quality
    finding", ADR 83), and each calendar year from `first` with its next January's census day."""
    from tellonce.core.time import uk_today
    from tellonce.domain import plan_quality
    from tellonce.domain.sen2.census import collection

    today = today or uk_today()
    must = [c.value for c, i in plan_quality.CHECKS.items() if i.severity == plan_quality.Severity.MUST]
    years = list(range(first.year, today.year + 1))
    census = [collection(year + 1).reference_date for year in years]
    return {"la": council_id, "first": first, "today": today, "must": must, "years": years, "census": census}
