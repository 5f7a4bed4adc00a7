"""Aggregates for family voice: response rates by period, results with their counts, the quarterly
report and whose voice is missing. No child or family is identified in any of them."""

from collections import defaultdict
from datetime import date

from django.db.models import Count

from tellonce.domain import codes
from tellonce.domain.voice import agreement, compare, response_rate
from tellonce.feedback.models import Answer, FeedbackItem, ForumMember, Invitation, Question, Response
from tellonce.people.models import Child


def quarter_of(day: date) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def response_rates(survey) -> list[tuple[str, str]]:
    """Invitations answered, by the quarter they were sent; answers entered by staff from paper or
    phone with no invitation are counted separately."""
    sent, answered = defaultdict(int), defaultdict(int)
    for invitation in Invitation.objects.filter(survey=survey).only("sent_on", "response_id"):
        sent[quarter_of(invitation.sent_on)] += 1
        answered[quarter_of(invitation.sent_on)] += invitation.response_id is not None
    return [(q, response_rate(sent[q], answered[q]).text()) for q in sorted(sent)]


def results(survey) -> list[tuple[str, str, int]]:
    out = []
    for question in survey.questions.filter(kind=Question.Kind.AGREE):
        share = agreement(Answer.objects.filter(question=question).values_list("score", flat=True))
        out.append((question.text, share.text(), share.total))
    return out


def routes(survey) -> list[tuple[str, int]]:
    rows = Response.objects.filter(survey=survey).values("route").annotate(n=Count("id")).order_by("-n")
    return [(row["route"], row["n"]) for row in rows]


def quarterly_report(local_authority_id: int, quarter: str) -> dict:
    year, q = int(quarter[:4]), int(quarter[-1])
    start = date(year, 3 * (q - 1) + 1, 1)
    end = date(year + (q == 4), (3 * q) % 12 + 1, 1)
    items = FeedbackItem.objects.of_council(local_authority_id).filter(
        raised_on__gte=start, raised_on__lt=end
    )
    by = {
        name: list(items.values(name).annotate(n=Count("id")).order_by("-n"))
        for name in ("service", "status", "route")
    }
    return {
        "quarter": quarter,
        "total": items.count(),
        "by": by,
        "closed_with_outcome": items.filter(status=FeedbackItem.Status.CLOSED).exclude(outcome="").count(),
    }


DIMENSIONS = {
    "ethnicity": (
        "Ethnicity",
        lambda v: codes.ETHNICITY.label_of(v) if v in codes.ETHNICITY.codes else "Not known",
    ),
    "first_language": (
        "First language",
        lambda v: "English" if v == "English" else ("Other" if v else "Not known"),
    ),
    "locality": ("Locality", lambda v: v or "Not known"),
    "primary_need": (
        "Primary need",
        lambda v: codes.SEN_TYPE.label_of(v) if v in codes.SEN_TYPE.codes else "Not known",
    ),
    "sen_status": (
        "EHC plan or SEN support",
        lambda v: codes.SEN_STATUS.label_of(v) if v in codes.SEN_STATUS.codes else "Not known",
    ),
}


def whose_voice(local_authority_id: int, dimension: str) -> dict[str, list]:
    label = DIMENSIONS[dimension][1]
    cohort_rows = Child.objects.filter(local_authority_id=local_authority_id).exclude(sen_status="NONE")
    if dimension == "locality":
        cohort = [label(name or "") for name in cohort_rows.values_list("locality__name", flat=True)]
    else:
        cohort = [label(v) for v in cohort_rows.values_list(dimension, flat=True)]
    groups = {
        "Survey answers": Response.objects.filter(survey__local_authority_id=local_authority_id).values_list(
            dimension, flat=True
        ),
        "Feedback raised": FeedbackItem.objects.of_council(local_authority_id).values_list(
            dimension, flat=True
        ),
        "Parent carer forum": ForumMember.objects.of_council(local_authority_id).values_list(
            dimension, flat=True
        ),
    }
    return {name: compare([label(v) for v in values], cohort) for name, values in groups.items()}
