"""Everything held about one child, as one ZIP file, for a subject access request (UK GDPR art. 15).

Each part of the record is a table, written both as CSV (for a spreadsheet) and as JSON (for
another system), row by row straight into the ZIP, so a long access log never sits in memory;
advice reports are copied in as they were uploaded, and every version of every plan is typeset as
the PDF the family would have been sent. index.html says, in plain English, what each file is."""

import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.template.loader import render_to_string

from tellonce.advice.models import AdviceRequest, Document, RecommendedProvision, Submission
from tellonce.assessments.models import AssessmentRequest, SettingConsultation, TimescaleException
from tellonce.audit.models import AccessEvent
from tellonce.core.spreadsheets import csv_writer
from tellonce.core.time import working_days
from tellonce.feedback.models import Answer, FeedbackItem, Invitation, Response
from tellonce.finance.models import TopUp
from tellonce.front_door.models import OnlineRequest, RequestDocument, SupportCycle
from tellonce.local_offer.models import OnlineReferral
from tellonce.panels.models import PanelCase, PanelDecision, Paper
from tellonce.people.models import (
    AllAboutMe,
    Child,
    ConsentRecord,
    FamilyMember,
    ProfessionalInvolvement,
    TimelineEvent,
)
from tellonce.plans import documents, presenters
from tellonce.plans.models import Plan, PlanComment, PlanSection, PlanVersion, Status
from tellonce.records.models import LegalHold
from tellonce.reviews.models import AnnualReview, Ceasing, OutcomeProgress, PlanMove, ReviewAttendance
from tellonce.waiting_lists.models import Referral, SupportOffer, WaitReview


@dataclass(frozen=True)
class Part:
    name: str
    says: str
    rows: Callable[[Child], models.QuerySet]


PARTS = (
    Part("record", "The child's record: name, date of birth, identifiers, needs, school, EHC coordinator.",
         lambda c: Child.objects.filter(pk=c.pk)),
    Part("family", "Family members, whether they hold parental responsibility, how they want to be contacted.",
         lambda c: FamilyMember.objects.filter(child=c)),
    Part("consent", "What the family or young person agreed to share, with whom and when.",
         lambda c: ConsentRecord.objects.filter(child=c)),
    Part("all-about-me", "\"All about me\": the child's own words and the family's views.",
         lambda c: AllAboutMe.objects.filter(child=c)),
    Part("professionals", "The professionals and teams asked to work with the child.",
         lambda c: ProfessionalInvolvement.objects.filter(child=c)),
    Part("timeline", "The child's timeline: every request, decision, plan and review, by date.",
         lambda c: TimelineEvent.objects.filter(child=c)),
    Part("assessments", "Requests for an EHC needs assessment, the decisions and their dates.",
         lambda c: AssessmentRequest.objects.filter(child=c)),
    Part("online-requests", "Requests for an assessment made online, with what they said and the family's consent.",
         lambda c: OnlineRequest.objects.filter(child=c)),
    Part("online-request-support", "The SEN support a school described in its request: each cycle and its cost.",
         lambda c: SupportCycle.objects.filter(request__child=c)),
    Part("online-request-evidence", "Evidence sent with an online request; each file is in the request-evidence folder.",
         lambda c: RequestDocument.objects.filter(request__child=c)),
    Part("assessment-exceptions", "Reasons recorded for an assessment taking longer than the law allows.",
         lambda c: TimescaleException.objects.filter(assessment__child=c)),
    Part("setting-consultations", "Schools and colleges consulted about naming them in the plan.",
         lambda c: SettingConsultation.objects.filter(assessment__child=c)),
    Part("advice-requests", "Advice asked of professionals, schools and services, and when it was due.",
         lambda c: AdviceRequest.objects.filter(child=c)),
    Part("advice", "The advice given: needs, outcomes, and whether it was accepted.",
         lambda c: Submission.objects.filter(advice__child=c)),
    Part("advice-provision", "The provision each piece of advice recommended.",
         lambda c: RecommendedProvision.objects.filter(submission__advice__child=c)),
    Part("advice-documents", "The reports attached to advice; each file is in the advice-documents folder.",
         lambda c: Document.objects.filter(submission__advice__child=c)),
    Part("plans", "EHC plans, their named officer and coordinator.",
         lambda c: Plan.objects.filter(child=c)),
    Part("plan-versions", "Every version of every plan: draft, final, amendments; each is a PDF in the plans folder.",
         lambda c: PlanVersion.objects.filter(plan__child=c)),
    Part("plan-sections", "The content of each plan version, section by section (A to K).",
         lambda c: PlanSection.objects.filter(plan_version__plan__child=c)),
    Part("plan-comments", "The family's comments on draft plans and the council's answers.",
         lambda c: PlanComment.objects.filter(plan_version__plan__child=c)),
    Part("reviews", "Annual reviews: the meeting, the views given, the decision.",
         lambda c: AnnualReview.objects.filter(plan__child=c)),
    Part("review-attendance", "Who came to each annual review meeting.",
         lambda c: ReviewAttendance.objects.filter(review__plan__child=c)),
    Part("review-progress", "Progress towards each outcome, as each review found it.",
         lambda c: OutcomeProgress.objects.filter(review__plan__child=c)),
    Part("ceasing", "Decisions considered or made to stop maintaining a plan, and any appeal.",
         lambda c: Ceasing.objects.filter(plan__child=c)),
    Part("moves", "Moves between councils with the plan.",
         lambda c: PlanMove.objects.filter(plan__child=c)),
    Part("top-ups", "Funding bands decided for the child's school or college.",
         lambda c: TopUp.objects.filter(child=c)),
    Part("panel-cases", "Each time the child's case went to a decision panel, and what it was asked.",
         lambda c: PanelCase.objects.filter(child=c)),
    Part("panel-papers", "Papers put to the panel with the case; each file is in the panel-papers folder.",
         lambda c: Paper.objects.filter(case__child=c)),
    Part("panel-decisions", "The panel's decisions, their reasons, and the letters sent to the family.",
         lambda c: PanelDecision.objects.filter(case__child=c)),
    Part("waiting-list-referrals", "Referrals to health services and how long the child has waited.",
         lambda c: Referral.objects.filter(child=c)),
    Part("waiting-list-reviews", "Reviews of long waits.",
         lambda c: WaitReview.objects.filter(referral__child=c)),
    Part("waiting-list-support", "Support offered while waiting.",
         lambda c: SupportOffer.objects.filter(referral__child=c)),
    Part("local-offer-referrals",
         "Referrals made through the Local Offer for a child with this family name and date of birth "
         "(they are made by the family, so they are found by name, not linked to the record).",
         lambda c: OnlineReferral.objects.filter(
             service__provider__local_authority_id=c.local_authority_id,
             child_date_of_birth=c.date_of_birth,
             child_name__icontains=c.family_name,
         ) if c.family_name else OnlineReferral.objects.none()),
    Part("survey-invitations", "Surveys the family was invited to answer.",
         lambda c: Invitation.objects.filter(child=c)),
    Part("survey-responses", "Survey answers given about the child (anonymous answers cannot be found).",
         lambda c: Response.objects.filter(child=c)),
    Part("survey-answers", "Each answer in those surveys.",
         lambda c: Answer.objects.filter(response__child=c)),
    Part("feedback", "Compliments, comments and complaints the family gave, and what was done.",
         lambda c: FeedbackItem.objects.filter(child=c)),
    Part("legal-holds", "Legal holds that kept the record beyond the retention schedule.",
         lambda c: LegalHold.objects.filter(child=c)),
    Part("access-log", "Everyone who opened, found, changed or exported the record, when and how.",
         lambda c: AccessEvent.objects.filter(child_id=c.pk).order_by("at", "id")),
)  # fmt: skip


@dataclass
class Written:
    """What went into the ZIP: for the index, and for the caller to report."""

    parts: list[tuple[Part, int]] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)

    @property
    def files(self) -> int:
        return 1 + 2 * len(self.parts) + len(self.documents) + len(self.plans)


class _Labels:
    """The words for a related row (a person, a school, a team), each looked up once."""

    def __init__(self) -> None:
        self._seen: dict[tuple[type, object], str] = {}

    def of(self, field: models.ForeignKey, pk: object) -> str:
        key = (field.related_model, pk)
        if key not in self._seen:
            found = field.related_model._default_manager.filter(pk=pk).first()
            self._seen[key] = str(found) if found is not None else str(pk)
        return self._seen[key]


def _columns(model: type[models.Model]) -> list[models.Field]:
    return list(model._meta.concrete_fields)


def _row(obj: models.Model, columns: list[models.Field], labels: _Labels) -> dict[str, object]:
    row: dict[str, object] = {}
    for column in columns:
        value = getattr(obj, column.attname)
        if column.is_relation and value is not None and column.related_model is not Child:
            value = labels.of(column, value)
        elif column.choices and value not in (None, ""):
            value = getattr(obj, f"get_{column.name}_display")()
        elif isinstance(column, models.FileField):
            value = value.name if value else ""
        row[column.name] = value
    return row


def _rows(part: Part, child: Child, labels: _Labels) -> Iterator[dict[str, object]]:
    rows = part.rows(child)
    columns = _columns(rows.model)
    for obj in rows.iterator(chunk_size=500):
        yield _row(obj, columns, labels)


def _write_part(archive: zipfile.ZipFile, part: Part, child: Child, labels: _Labels) -> int:
    columns = [column.name for column in _columns(part.rows(child).model)]
    count = 0
    with archive.open(f"{part.name}.csv", "w") as raw, io.TextIOWrapper(raw, "utf-8", newline="") as out:
        table = csv_writer(out)
        table.writerow(columns)
        for row in _rows(part, child, labels):
            table.writerow(json.dumps(v, cls=DjangoJSONEncoder) if isinstance(v, dict | list) else v
                           for v in row.values())  # fmt: skip
            count += 1
    with archive.open(f"{part.name}.json", "w") as raw, io.TextIOWrapper(raw, "utf-8") as out:
        out.write("[")
        for number, row in enumerate(_rows(part, child, labels)):
            out.write(("," if number else "") + "\n" + json.dumps(row, cls=DjangoJSONEncoder))
        out.write("\n]\n")
    return count


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "file"


def _write_documents(archive: zipfile.ZipFile, child: Child, written: Written) -> None:
    stored = (
        ("advice-documents", Document.objects.filter(submission__advice__child=child).order_by("pk")),
        ("request-evidence", RequestDocument.objects.filter(request__child=child).order_by("pk")),
        ("panel-papers", Paper.objects.filter(case__child=child).order_by("pk")),
    )
    for folder, rows in stored:
        for document in rows:
            name = f"{folder}/{document.pk}-{_safe(document.original_name)}"
            with document.file.open("rb") as source, archive.open(name, "w") as target:
                while chunk := source.read(1 << 16):
                    target.write(chunk)
            written.documents.append(name)


def _write_plans(archive: zipfile.ZipFile, child: Child, written: Written, *, today: date) -> None:
    area = child.local_authority.name
    versions = (
        PlanVersion.objects.filter(plan__child=child)
        .select_related("plan__child")
        .order_by("plan__ref", "number")
    )
    for version in versions:
        letter = (
            ()
            if version.status == Status.WORKING
            else presenters.letter(version, calendar=working_days(), area_name=area)
        )
        body = documents.pdf_bytes(presenters.document(version, today=today), letter, area_name=area)
        name = f"plans/{_safe(version.plan.ref)}-version-{version.number}.pdf"
        archive.writestr(name, body)
        written.plans.append(name)


def write(child: Child, out: BinaryIO, *, today: date) -> Written:
    """Write everything held about `child` into `out` as a ZIP file."""
    written, labels = Written(), _Labels()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for part in PARTS:
            written.parts.append((part, _write_part(archive, part, child, labels)))
        _write_documents(archive, child, written)
        _write_plans(archive, child, written, today=today)
        index = render_to_string(
            "records/subject_access_index.jinja",
            {"child": child, "written": written, "today": today},
        )
        archive.writestr("index.html", index)
    return written
