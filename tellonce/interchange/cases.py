"""Moving a council's assessment history in and out of Tellonce (docs/import-format.md).

`import_cases` checks a whole file first and writes nothing unless every row is valid; each
problem names its position (`assessments[3]`), the reference and the reason. `export_cases`
writes the same records plus what Tellonce computes from them, as at a given day.
"""

import io
import json
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import batched
from typing import TextIO

from django.db import transaction

from tellonce.accounts.actors import Actor, Channel
from tellonce.accounts.models import User
from tellonce.advice.models import AdviceRequest
from tellonce.assessments import stored as assessment_stored
from tellonce.assessments.models import AssessmentRequest, Kind, RequestSource, TimescaleException
from tellonce.audit.models import AccessEvent
from tellonce.audit.services import change_event, record_exported
from tellonce.core.db import insert_new
from tellonce.core.interchange import FileChecker, ImportFailed, csv_cell, iso, position
from tellonce.core.spreadsheets import csv_dict_writer, csv_writer
from tellonce.domain import assessment as rules
from tellonce.domain import codes, timescales
from tellonce.domain.identifiers import (
    la_code_problem,
    nhs_number_problem,
    normalise_nhs_number,
    normalise_postcode,
    normalise_upn,
    postcode_problem,
    uln_problem,
    upn_problem,
)
from tellonce.interchange import plans as plans_interchange
from tellonce.interchange import vocabulary
from tellonce.organisations.models import LocalAuthority
from tellonce.people.models import Child, TimelineEvent

SOURCES = {
    "parent": RequestSource.PARENT,
    "carer": RequestSource.PARENT,
    "parent_or_carer": RequestSource.PARENT,
    "young_person": RequestSource.YOUNG_PERSON,
    "setting": RequestSource.SETTING,
    "school": RequestSource.SETTING,
    "college": RequestSource.SETTING,
    "education_setting": RequestSource.SETTING,
    "health": RequestSource.HEALTH,
    "social_care": RequestSource.SOCIAL_CARE,
    "other": RequestSource.OTHER,
    "1": RequestSource.PARENT,
    "2": RequestSource.SETTING,
    "3": RequestSource.HEALTH,
    "4": RequestSource.SOCIAL_CARE,
    "5": RequestSource.OTHER,
}


@dataclass
class ImportResult:
    children: int = 0
    assessments: int = 0
    advice_requests: int = 0
    exceptions: int = 0
    plans: int = 0
    reviews: int = 0


def _parse_children(data, check: FileChecker, existing_refs: set[str]) -> dict[str, dict]:
    children: dict[str, dict] = {}
    for i, row in enumerate(check.rows(data, "children")):
        where = position("children", i, row)
        if not isinstance(row, dict):
            check.error(where, "must be an object")
            continue
        ref = check.text(row, where, "ref", max_length=60)
        parsed = {
            "given_name": check.text(row, where, "given_name"),
            "family_name": check.text(row, where, "family_name"),
            "date_of_birth": check.day(row, where, "date_of_birth", required=True),
            "nhs_number": check.text(row, where, "nhs_number", required=False, max_length=20),
            "upn": check.text(row, where, "upn", required=False, max_length=20),
        }
        if parsed["nhs_number"]:
            if problem := nhs_number_problem(parsed["nhs_number"]):
                check.error(where, f"nhs_number: {problem}")
            parsed["nhs_number"] = normalise_nhs_number(parsed["nhs_number"])
        if parsed["upn"]:
            if problem := upn_problem(parsed["upn"]):
                check.error(where, f"upn: {problem}")
            parsed["upn"] = normalise_upn(parsed["upn"])
        _parse_child_sen2_items(row, where, check, parsed)
        if ref in children:
            check.error(where, f"the reference {ref!r} is used by more than one child in this file")
        elif ref in existing_refs:
            check.error(where, f"a child with the reference {ref!r} is already in Tellonce")
        elif ref:
            children[ref] = parsed
    return children


def _parse_child_sen2_items(row: dict, where: str, check: FileChecker, parsed: dict) -> None:
    """What the SEN2 return says of the person (items 1.4 to 1.7c): sex, ethnicity, postcode, ULN
    and, only when there is neither a UPN nor a ULN, the reason why."""
    parsed["sex"] = check.code(row, where, "sex", vocabulary.SEX, listed="M or F")
    parsed["ethnicity"] = (
        check.code(row, where, "ethnicity", vocabulary.ETHNICITY, listed="a CBDS ethnicity code, like WBRI")
        or "NOBT"
    )
    parsed["postcode"] = check.text(row, where, "postcode", required=False, max_length=10)
    if parsed["postcode"]:
        if problem := postcode_problem(parsed["postcode"]):
            check.error(where, f"postcode: {problem}")
        parsed["postcode"] = normalise_postcode(parsed["postcode"])
    parsed["uln"] = check.text(row, where, "uln", required=False, max_length=20)
    if parsed["uln"]:
        if problem := uln_problem(parsed["uln"]):
            check.error(where, f"uln: {problem}")
        parsed["uln"] = "".join(parsed["uln"].split())
    parsed["upn_unknown"] = check.code(
        row, where, "upn_unknown", vocabulary.UPN_UNKNOWN, listed=vocabulary.listed(codes.UPN_UNKNOWN)
    )
    if parsed["upn_unknown"] and (parsed["upn"] or parsed["uln"]):
        check.error(
            where, "upn_unknown is given with a UPN or ULN: give the reason only when there is neither"
        )


def _parse_exceptions(row, where, check: FileChecker) -> list[timescales.ClaimedException]:
    claimed = []
    items = row.get("exceptions") or []
    if not isinstance(items, list):
        check.error(where, "exceptions must be a list")
        return []
    for k, item in enumerate(items):
        at = f"{where}.exceptions[{k}]"
        if not isinstance(item, dict):
            check.error(at, "must be an object")
            continue
        try:
            reason = timescales.parse_exception_reason(str(item.get("reason") or ""))
        except timescales.UnknownExceptionReason as unknown:
            check.error(at, str(unknown))
            continue
        starts, ends = check.day(item, at, "from", required=True), check.day(item, at, "to")
        if starts:
            claimed.append(timescales.ClaimedException(reason, starts, ends))
    return claimed


def _parse_advice(row, where, check: FileChecker, received: date | None, seen: set[str]) -> list[dict]:
    parsed = []
    items = row.get("advice_requests") or []
    if not isinstance(items, list):
        check.error(where, "advice_requests must be a list")
        return []
    for k, item in enumerate(items):
        at = f"{where}.advice_requests[{k}]"
        if not isinstance(item, dict):
            check.error(at, "must be an object")
            continue
        ref = check.text(item, at, "ref", required=False, max_length=60)
        service = check.text(item, at, "service", max_length=80)
        requested = check.day(item, at, "requested", required=True)
        got = check.day(item, at, "received")
        if requested and got and got < requested:
            check.error(at, f"received ({got}) is before the advice was requested ({requested})")
        if requested and received and requested < received:
            check.error(
                at, f"requested ({requested}) is before the request for assessment was received ({received})"
            )
        if ref and ref in seen:
            check.error(at, f"the advice reference {ref!r} is used more than once in this assessment")
        if ref:
            seen.add(ref)
        parsed.append({"ref": ref, "service": service, "requested_on": requested, "received_on": got})
    return parsed


def _parse_assessments(data, check: FileChecker, children: dict, known_children: dict) -> list[dict]:
    cases, seen = [], {}
    existing = set(AssessmentRequest.objects.values_list("ref", flat=True))
    for i, row in enumerate(check.rows(data, "assessments")):
        where = position("assessments", i, row)
        if not isinstance(row, dict):
            check.error(where, "must be an object")
            continue
        errors_before = len(check.errors)
        ref = check.text(row, where, "ref", max_length=60)
        child_ref = check.text(row, where, "child_ref", max_length=60)
        if ref in seen:
            check.error(
                where, f"the reference {ref!r} is used by more than one assessment (first at {seen[ref]})"
            )
        elif ref in existing:
            check.error(where, f"an assessment with the reference {ref!r} is already in Tellonce")
        seen.setdefault(ref, where)
        if child_ref and child_ref not in children and child_ref not in known_children:
            check.error(where, f"child_ref {child_ref!r} is not a child in this file or in Tellonce")
        received = check.day(row, where, "request_received", required=True)
        source = str(row.get("requested_by") or "").strip().lower().replace(" ", "_").replace("-", "_")
        if source not in SOURCES:
            check.error(
                where,
                f"requested_by {row.get('requested_by')!r} must be one of parent, young_person, "
                "setting, health, social_care or other",
            )
        decision = row.get("decision")
        if decision not in (None, "", "assess", "refuse"):
            check.error(where, f'decision {decision!r} must be "assess", "refuse" or null')
            decision = None
        kind = str(row.get("kind") or Kind.INITIAL).strip().lower()
        if kind not in Kind.values:
            check.error(where, f'kind {kind!r} must be "initial" or "reassessment"')
        dates = {
            name: check.day(row, where, name)
            for name in (
                "decision_notified",
                "draft_issued",
                "not_to_issue_notified",
                "final_issued",
                "withdrawn",
            )
        }
        youth_accommodation = check.flag(row, where, "youth_accommodation")
        exported_to = check.text(row, where, "exported_to", required=False, max_length=3)
        if exported_to and (problem := la_code_problem(exported_to)):
            check.error(where, f"exported_to: {problem}")
        exceptions = _parse_exceptions(row, where, check)
        advice = _parse_advice(row, where, check, received, set())
        if len(check.errors) > errors_before or received is None:
            continue
        facts = rules.CaseFacts(
            start=received,
            reassessment=kind == Kind.REASSESSMENT,
            decision=rules.Decision(decision) if decision else None,
            exceptions=tuple(exceptions),
            **dates,
        )
        for problem in rules.problems(facts):
            check.error(where, problem)
        born = (children.get(child_ref) or known_children.get(child_ref) or {}).get("date_of_birth")
        if born and received < born:
            check.error(where, f"request_received ({received}) is before the child was born ({born})")
        cases.append(
            {
                "ref": ref,
                "child_ref": child_ref,
                "facts": facts,
                "source": SOURCES.get(source),
                "kind": kind,
                "advice": advice,
                "brought_to_attention": bool(row.get("brought_to_attention")),
                "youth_accommodation": bool(youth_accommodation),
                "exported_to": exported_to,
            }
        )
    return cases


def _local_authority() -> LocalAuthority:
    la = LocalAuthority.objects.order_by("pk").first()
    return la or LocalAuthority.objects.create(name="Local authority", code="000")


def import_cases(data, *, today: date, progress=None) -> ImportResult:
    """Check the whole file, then write it in one transaction; raise ImportFailed with every problem.
    `progress`, if given, is told how the writing is going (for a long file)."""
    check = FileChecker(today=today)
    if not isinstance(data, dict):
        raise ImportFailed(
            ['the file must hold a JSON object with "children", "assessments" and "plans" lists']
        )
    existing_children = {
        ref: {"pk": pk, "date_of_birth": born}
        for ref, pk, born in Child.objects.exclude(external_ref="").values_list(
            "external_ref", "pk", "date_of_birth"
        )
    }
    children = _parse_children(data, check, set(existing_children))
    cases = _parse_assessments(data, check, children, existing_children)
    plans = plans_interchange.parse_plans(
        data,
        check,
        children=children,
        known_children=existing_children,
        assessments={case["ref"]: (case["child_ref"], case["facts"].start) for case in cases},
    )
    if check.errors:
        raise ImportFailed(check.errors)
    if progress:
        reviews = sum(len(plan["reviews"]) for plan in plans)
        progress(
            f"No problems found: writing {len(children):,} children, {len(cases):,} assessments, "
            f"{len(plans):,} plans and {reviews:,} reviews..."
        )
    return _write(children, cases, plans, existing_children, today=today, progress=progress)


@transaction.atomic
def _write(
    children: dict, cases: list[dict], plans: list[dict], existing_children: dict, *, today, progress
) -> ImportResult:
    actor = Actor.command(User.system_account(), "import-cases", channel=Channel.IMPORT)
    by, la = actor.user, _local_authority()
    new_children = [Child(external_ref=ref, local_authority=la, **fields) for ref, fields in children.items()]
    insert_new(Child, new_children)
    child_pk = {ref: row["pk"] for ref, row in existing_children.items()}
    child_pk.update({child.external_ref: child.pk for child in new_children})
    result = ImportResult(children=len(new_children))
    new_cases, exceptions, advice, events, audit = [], [], [], [], []
    for row in cases:
        facts: rules.CaseFacts = row["facts"]
        case = AssessmentRequest(
            ref=row["ref"],
            child_id=child_pk[row["child_ref"]],
            kind=row["kind"],
            requested_by=row["source"],
            brought_to_attention=row["brought_to_attention"],
            youth_accommodation=row["youth_accommodation"],
            exported_to=row["exported_to"],
            received_on=facts.start,
            decision=facts.decision.value if facts.decision else "",
            decision_notified_on=facts.decision_notified,
            draft_issued_on=facts.draft_issued,
            not_to_issue_notified_on=facts.not_to_issue_notified,
            final_issued_on=facts.final_issued,
            withdrawn_on=facts.withdrawn,
        )
        assessment_stored.keep(case)  # written without signals (ADR 0077)
        new_cases.append(case)
        exceptions += [
            TimescaleException(
                assessment=case, reason=e.reason.value, starts_on=e.starts, ends_on=e.ends, recorded_by=by
            )
            for e in facts.exceptions
        ]
        advice += [AdviceRequest(child_id=case.child_id, assessment=case, **item) for item in row["advice"]]
        events.append(
            TimelineEvent(
                child_id=case.child_id,
                occurred_on=facts.start,
                kind="assessment",
                title="Request for an EHC needs assessment received (imported)",
                actor=by,
            )
        )
        audit.append(change_event(actor, case.child_id, f"Imported assessment {case.ref}"))
    audit += [change_event(actor, child.pk, "Imported the child's record") for child in new_children]
    insert_new(AssessmentRequest, new_cases)
    insert_new(TimescaleException, exceptions)
    insert_new(AdviceRequest, advice)
    insert_new(TimelineEvent, events)
    insert_new(AccessEvent, audit)
    result.assessments, result.exceptions, result.advice_requests = (
        len(new_cases),
        len(exceptions),
        len(advice),
    )
    result.plans, result.reviews = plans_interchange.write_plans(
        plans,
        by=actor,
        child_pk=child_pk,
        assessment_pk={case.ref: case.pk for case in new_cases},
        today=today,
        progress=progress,
    )
    return result


# How many rows export-cases reads at a time: its memory is a chunk's, not the council's (ADR 0076).
CHUNK = 1000
SECTIONS = ("children", "assessments", "plans")


def _child_record(c: Child) -> dict:
    return {
        "ref": plans_interchange.child_ref(c),
        "given_name": c.given_name,
        "family_name": c.family_name,
        "date_of_birth": c.date_of_birth.isoformat(),
        "nhs_number": c.nhs_number or None,
        "upn": c.upn or None,
        "uln": c.uln or None,
        "upn_unknown": c.upn_unknown or None,
        "sex": c.sex or None,
        "ethnicity": c.ethnicity or None,
        "postcode": c.postcode or None,
    }


def _exported_child_ids() -> list:
    """Every child with an assessment or a plan made, in the order they first appear: by their
    assessments, then by their plans (only the keys are held, not the rows)."""
    ids = dict.fromkeys(
        AssessmentRequest.objects.order_by("received_on", "ref")
        .values_list("child_id", flat=True)
        .iterator(chunk_size=CHUNK)
    )
    for pk in (
        plans_interchange.plans_to_export().values_list("child_id", flat=True).iterator(chunk_size=CHUNK)
    ):
        ids.setdefault(pk)
    return list(ids)


def stream_cases(*, as_of: date, by: Actor | None = None, sections=SECTIONS) -> Iterator[tuple[str, dict]]:
    """Every child with an assessment or a plan, every assessment and every plan made, with what
    Tellonce computed as at `as_of`, as (section, record) pairs in SECTIONS order, read a chunk at a
    time (a server-side cursor on PostgreSQL); each child exported is logged for `by`, when given."""
    if "children" in sections or by is not None:
        ids = _exported_child_ids()
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            if by is not None:
                record_exported(by, chunk, what=f"Exported by {by.via}")
            if "children" in sections:
                children = Child.objects.in_bulk(chunk)
                for pk in chunk:
                    yield "children", _child_record(children[pk])
        del ids
    if "assessments" in sections:
        cases = (
            AssessmentRequest.objects.select_related("child")
            .prefetch_related("exceptions", "advice_requests")
            .order_by("received_on", "ref")
        )
        for case in cases.iterator(chunk_size=CHUNK):
            record = _case_record(case, plans_interchange.child_ref(case.child), as_of)
            _let_go(case)
            yield "assessments", record
    if "plans" in sections:
        for plans in batched(plans_interchange.plans_to_export().iterator(chunk_size=CHUNK), CHUNK):
            records = plans_interchange.plan_records(list(plans), as_of)
            for plan in plans:
                _let_go(plan)
            del plans
            yield from (("plans", record) for record in records)


def _let_go(row) -> None:
    """Empties a row's prefetched rows, which point back at it: without the cycle the chunk is
    freed as soon as it is written, not at the next full garbage collection."""
    row.__dict__.pop("_prefetched_objects_cache", None)
    row.__dict__.pop("moves_in", None)


def export_cases(*, as_of: date, by: Actor | None = None) -> dict:
    """The whole export as one dict (for tests and small areas; the command streams)."""
    records: dict = {"as_of": as_of.isoformat(), **{section: [] for section in SECTIONS}}
    for section, record in stream_cases(as_of=as_of, by=by):
        records[section].append(record)
    return records


def write_json(out: TextIO, *, as_of: date, stream: Iterable[tuple[str, dict]]) -> dict[str, int]:
    """The export as one JSON document, written a record at a time; how many of each were written."""
    counts = dict.fromkeys(SECTIONS, 0)
    out.write('{\n  "as_of": ' + json.dumps(as_of.isoformat()))
    opened = -1

    def open_up_to(index: int) -> None:
        nonlocal opened
        while opened < index:
            if opened >= 0:
                out.write("\n  ]" if counts[SECTIONS[opened]] else "]")
            opened += 1
            out.write(f',\n  "{SECTIONS[opened]}": [')

    for section, record in stream:
        open_up_to(SECTIONS.index(section))
        out.write(",\n" if counts[section] else "\n")
        out.write(textwrap.indent(json.dumps(record, indent=2), "    "))
        counts[section] += 1
    open_up_to(len(SECTIONS) - 1)
    out.write("\n  ]\n}\n" if counts[SECTIONS[-1]] else "]\n}\n")
    return counts


def _case_record(case: AssessmentRequest, child_ref: str, as_of: date) -> dict:
    c = rules.clock(case.facts(), as_of)
    return {
        "ref": case.ref,
        "child_ref": child_ref,
        "kind": case.kind,
        "request_received": iso(case.received_on),
        "requested_by": case.requested_by,
        "brought_to_attention": case.brought_to_attention,
        "youth_accommodation": case.youth_accommodation,
        "exported_to": case.exported_to or None,
        "decision": case.decision or None,
        "decision_notified": iso(case.decision_notified_on),
        "exceptions": [
            {"reason": e.reason, "from": iso(e.starts_on), "to": iso(e.ends_on)}
            for e in case.exceptions.all()
        ],
        "advice_requests": [
            {
                "ref": a.ref or str(a.pk),
                "service": a.service,
                "requested": iso(a.requested_on),
                "received": iso(a.received_on),
                "due": iso(a.deadline.due),
                "on_time": a.on_time(as_of),
            }
            for a in case.advice_requests.all()
        ],
        "draft_issued": iso(case.draft_issued_on),
        "not_to_issue_notified": iso(case.not_to_issue_notified_on),
        "final_issued": iso(case.final_issued_on),
        "withdrawn": iso(case.withdrawn_on),
        "decision_due": iso(c.decision.due),
        "decision_on_time": c.decision_on_time,
        "not_to_issue_due": iso(c.not_to_issue.due),
        "final_due": iso(c.final.due),
        "final_on_time": c.final_on_time,
        "has_exception": c.has_exception,
        "draft_response_ends": iso(c.draft_response.due) if c.draft_response else None,
        "stage": c.stage.value,
        "next_step": c.next_deadline.title if c.next_deadline else None,
        "next_due": iso(c.next_deadline.due) if c.next_deadline else None,
    }


CSV_COLUMNS = [
    "ref",
    "child_ref",
    "kind",
    "request_received",
    "requested_by",
    "youth_accommodation",
    "exported_to",
    "decision",
    "decision_notified",
    "draft_issued",
    "not_to_issue_notified",
    "final_issued",
    "withdrawn",
    "decision_due",
    "decision_on_time",
    "not_to_issue_due",
    "final_due",
    "final_on_time",
    "has_exception",
    "draft_response_ends",
    "stage",
    "next_step",
    "next_due",
    "exceptions",
    "advice_requested",
    "advice_received",
    "advice_on_time",
]
ADVICE_COLUMNS = ["assessment_ref", "child_ref", "ref", "service", "requested", "received", "due", "on_time"]


TABLES_OF_PLANS = {
    "plans": plans_interchange.plan_rows,
    "reviews": plans_interchange.review_rows,
    "placements": plans_interchange.placement_rows,
}


def csv_sections(table: str) -> tuple[str, ...]:
    """What stream_cases must read for a CSV table."""
    return ("plans",) if table in TABLES_OF_PLANS else ("assessments",)


def write_csv(out: TextIO, stream: Iterable[tuple[str, dict]], *, table: str = "assessments") -> int:
    """One CSV table of the export, written a record at a time; how many rows were written."""
    written = 0
    if table in TABLES_OF_PLANS:
        columns, _ = TABLES_OF_PLANS[table]([])
        writer = csv_dict_writer(out, columns)
        writer.writeheader()
        for section, plan in stream:
            if section == "plans":
                _, items = TABLES_OF_PLANS[table]([plan])
                writer.writerows({k: csv_cell(v) for k, v in item.items()} for item in items)
                written += len(items)
        return written
    if table == "advice":
        plain = csv_writer(out)
        plain.writerow(ADVICE_COLUMNS)
        for section, case in stream:
            if section != "assessments":
                continue
            for a in case["advice_requests"]:
                plain.writerow(
                    [
                        csv_cell(v)
                        for v in (
                            case["ref"],
                            case["child_ref"],
                            a["ref"],
                            a["service"],
                            a["requested"],
                            a["received"],
                            a["due"],
                            a["on_time"],
                        )
                    ]
                )
                written += 1
        return written
    writer = csv_dict_writer(out, CSV_COLUMNS)
    writer.writeheader()
    for section, case in stream:
        if section != "assessments":
            continue
        advice = case["advice_requests"]
        writer.writerow(
            {
                **{k: csv_cell(v) for k, v in case.items() if k in CSV_COLUMNS},
                "exceptions": "; ".join(
                    f"{e['reason']} {e['from']} to {e['to'] or 'ongoing'}" for e in case["exceptions"]
                ),
                "advice_requested": len(advice),
                "advice_received": sum(1 for a in advice if a["received"]),
                "advice_on_time": sum(1 for a in advice if a["on_time"] is True),
            }
        )
        written += 1
    return written


def export_csv(records: dict, *, table: str = "assessments") -> str:
    """One CSV table of an export held as a dict (export_cases)."""
    out = io.StringIO()
    write_csv(out, ((section, r) for section in SECTIONS for r in records[section]), table=table)
    return out.getvalue()
