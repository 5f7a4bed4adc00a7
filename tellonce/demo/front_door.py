"""Online requests for an EHC needs assessment waiting in the council's New requests queue: from the
SENCO (with cycles of SEN support and the school's evidence) and a paediatrician about children the
council knows, so each shows a likely match; from the parent and a social worker about children it
does not know; and two drafts not sent yet. The step draws from its own seeded random numbers, so
the area's other records are as before it was added."""

import io
import random
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from pypdf import PdfWriter

from tellonce.accounts.models import User
from tellonce.demo.steps import DemoArea, Progress, demo_step, seeded_uuid
from tellonce.front_door.models import FamilyConsent, OnlineRequest, RequestDocument, Status, SupportCycle
from tellonce.people.models import Child


def _pdf() -> bytes:
    """A blank one-page PDF, as the school's scanned plan would arrive."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


NEW_CHILDREN = [
    ("Tobiah", "Wrenfield"),
    ("Marisol", "Quayle"),
    ("Idris", "Vantongeren"),
    ("Elowen", "Pardoe"),
]
CYCLES = [
    (
        "Reading age two years below; difficulty following spoken instructions",
        "Daily phonics in a small group; visual prompts in class",
        "Teaching assistant, 20 minutes a day",
        "Little progress in reading; still needs an adult to start tasks",
        "Small-group phonics, 5 times a week",
        Decimal("1850.00"),
    ),
    (
        "Speech and language screening: expressive language well below age",
        "Speech therapist's programme delivered by a teaching assistant",
        "Three 30-minute sessions a week",
        "Some new vocabulary; not using it in class",
        "1:1 language programme, 3 times a week",
        Decimal("2400.00"),
    ),
]


def _common(area: DemoArea, rng: random.Random, **fields) -> dict:
    return {
        "id": seeded_uuid(rng),
        "local_authority": area.local_authority,
        "address": f"{rng.randint(2, 90)} {rng.choice(['Mill Lane', 'Station Road', 'Church Street'])}, Northbridge",
        "first_language": "English",
        "interpreter_needed": False,
        **fields,
    }


def _known(child: Child, with_ids: str) -> dict:
    typed = {
        "given_name": child.given_name,
        "family_name": child.family_name,
        "date_of_birth": child.date_of_birth,
        "postcode": child.postcode or "NB3 4QT",
        "current_setting": child.setting.name if child.setting_id else "",
    }
    if with_ids == "upn":
        typed["upn"] = child.upn
    if with_ids == "nhs":
        typed["nhs_number"] = child.nhs_number
    return typed


def _unknown_names() -> list[tuple[str, str]]:
    return [
        (given, family)
        for given, family in NEW_CHILDREN
        if not Child.objects.filter(given_name=given, family_name=family).exists()
        and not Child.objects.filter(preferred_name=given, family_name=family).exists()
    ]


def _answers(rng: random.Random) -> dict:
    return {
        "reason": rng.choice(
            [
                "Not making expected progress despite SEN support over a year; falling further behind.",
                "Anxiety has stopped them attending school for most of this term.",
                "Needs an adult with them for most of the day to stay safe and learn.",
            ]
        ),
        "support_tried": "Small-group work, a visual timetable and a quiet space at break times.",
        "family_views": "We want them to be happy at school and to have the help they need to learn.",
        "consent_to_share": True,
    }


@demo_step(name="online requests for assessment", order=160)
def online_requests(area: DemoArea, rng_unused: random.Random, progress: Progress) -> None:
    rng = random.Random(area.seed * 57 + 1)
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["senco", "parent", "paediatrician", "socialworker"])
    }
    senco, parent = users.get("senco"), users.get("parent")
    if senco is None or parent is None:
        return
    today = area.today
    pupils = [
        c for c in area.children if c.setting_id == senco.setting_id and c.upn and not c.assessments.exists()
    ]
    patients = [c for c in area.children if c.nhs_number and not c.assessments.exists() and c not in pupils]
    names = _unknown_names()
    made = []
    serial = 0

    def ref() -> str:
        nonlocal serial
        serial += 1
        return f"REQ-{today.year}-{serial:05d}"

    if pupils:
        pupil = rng.choice(pupils)
        request = OnlineRequest.objects.create(
            ref=ref(),
            requester=senco,
            requested_by="setting",
            status=Status.SUBMITTED,
            submitted_on=today - timedelta(days=18),
            family_told_on=today - timedelta(days=18),
            parent_name="Parent of " + pupil.given_name,
            parent_email=f"family.{pupil.family_name.lower()}@example.org",
            family_consent=FamilyConsent.YES,
            consent_how="Signed the school's request form at a meeting",
            **_common(area, rng, **_known(pupil, "upn"), **_answers(rng)),
        )
        for n, (assess, plan, do, review, provision, cost) in enumerate(CYCLES):
            SupportCycle.objects.create(
                request=request,
                started_on=today - timedelta(days=400 - 180 * n),
                assess=assess,
                plan=plan,
                do=do,
                review=review,
                provision=provision,
                cost=cost,
            )
        pdf = _pdf()
        RequestDocument.objects.create(
            request=request,
            file=ContentFile(pdf, name="sen-support-plan.pdf"),
            original_name="sen-support-plan.pdf",
            content_type="application/pdf",
            size=len(pdf),
            description="SEN support plan and reviews",
        )
        made.append(request)
    if patients and "paediatrician" in users:
        patient = rng.choice(patients)
        made.append(
            OnlineRequest.objects.create(
                ref=ref(),
                requester=users["paediatrician"],
                requested_by="health",
                status=Status.SUBMITTED,
                submitted_on=today - timedelta(days=9),
                family_told_on=today - timedelta(days=9),
                parent_name="Parent of " + patient.given_name,
                parent_email=f"carer.{patient.family_name.lower()}@example.org",
                family_consent=FamilyConsent.NOT_ASKED,
                **_common(area, rng, **_known(patient, "nhs"), **_answers(rng)),
            )
        )
    for (given, family), (who, days) in zip(names, [("parent", 2), ("socialworker", 5)], strict=False):
        if who not in users:
            continue
        fields = {"given_name": given, "family_name": family, "postcode": "NB2 7LP"}
        fields["date_of_birth"] = today - timedelta(days=rng.randint(4 * 365, 12 * 365))
        family_fields = {}
        if who != "parent":
            family_fields = {
                "parent_name": f"Sam {family}",
                "parent_email": f"sam.{family.lower()}@example.org",
                "family_consent": FamilyConsent.YES,
                "consent_how": "Agreed at a home visit, noted in the case record",
                "family_told_on": today - timedelta(days=days),
            }
        made.append(
            OnlineRequest.objects.create(
                ref=ref(),
                requester=users[who],
                requested_by="parent" if who == "parent" else "social_care",
                status=Status.SUBMITTED,
                submitted_on=today - timedelta(days=days),
                **family_fields,
                **_common(area, rng, **fields, **_answers(rng)),
            )
        )
    drafts = names[2:]
    if drafts:
        given, family = drafts[0]
        OnlineRequest.objects.create(
            ref=ref(),
            requester=parent,
            requested_by="parent",
            given_name=given,
            family_name=family,
            reason="Finds it very hard to settle in nursery.",
            **_common(area, rng),
        )
    if len(drafts) > 1:
        given, family = drafts[1]
        OnlineRequest.objects.create(
            ref=ref(),
            requester=senco,
            requested_by="setting",
            given_name=given,
            family_name=family,
            current_setting=senco.setting.name,
            **_common(area, rng),
        )
    progress.say(f"{len(made)} online requests waiting to be checked, and drafts not sent")
