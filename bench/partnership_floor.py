"""The partnership dashboard's figures counted by hand in SQL on PostgreSQL (the floor the
dashboard is measured against in partnership_bench.py and dashboard_measures_bench.py), with
`params` for its placeholders (called once Django is set up)."""

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
SELECT date_trunc('month', r.decision_notified_on), count(*),
       count(*) FILTER (WHERE r.decision_notified_on <= coalesce(r.held_on, r.meeting_on) + 28),
       count(*) FILTER (WHERE r.amendment_version_id IS NOT NULL OR r.imported_amended_final_on IS NOT NULL)
  FROM reviews_annualreview r JOIN plans_plan p ON p.id = r.plan_id JOIN people_child c ON c.id = p.child_id
 WHERE c.local_authority_id = %(la)s AND r.decision_notified_on >= %(first)s
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
SELECT measure, year, level, la_code, region_code, numerator, denominator FROM benchmarks_publishedfigure
 WHERE measure IN ('requests_decided_in_6_weeks', 'plans_in_20_weeks_including_exceptions',
                   'plans_in_20_weeks_excluding_exceptions', 'review_decisions_in_4_weeks');
"""


def params(council_id: int, first) -> dict:
    """The floor's parameters: the council, the first day counted, and the codes of the checks a
    plan must put right (the partnership's "plans issued without a quality finding", ADR 83)."""
    from tellonce.domain import plan_quality

    must = [c.value for c, i in plan_quality.CHECKS.items() if i.severity == plan_quality.Severity.MUST]
    return {"la": council_id, "first": first, "must": must}
