"""/api/v1/children: search, detail and update, scoped exactly as the pages are."""

import uuid
from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import field_validator

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, api_requires
from tellonce.audit import services as audit
from tellonce.core.refusals import EditConflict
from tellonce.core.time import uk_today
from tellonce.domain.identifiers import (
    nhs_number_problem,
    normalise_nhs_number,
    normalise_upn,
    uln_problem,
    upn_problem,
)
from tellonce.people import choices, services
from tellonce.people.models import Child

router = Router(tags=["children"])
MAX_RESULTS = 50
CLEARABLE = {
    "preferred_name",
    "nhs_number",
    "upn",
    "uln",
    "upn_unknown",
    "sex",
    "gender",
    "postcode",
    "primary_need",
    "secondary_need",
}


class Problem(Schema):
    detail: str


class ValidationProblem(Schema):
    """A message, or django-ninja's list of field errors (each with `loc` and `msg`)."""

    detail: str | list[dict]


class ChildOut(Schema):
    id: uuid.UUID
    version: int
    given_name: str
    family_name: str
    preferred_name: str
    date_of_birth: date
    nhs_number: str
    upn: str
    uln: str
    upn_unknown: str
    sex: str
    gender: str
    ethnicity: str
    first_language: str
    postcode: str
    locality_id: int | None
    setting_id: int | None
    national_curriculum_year: int
    primary_need: str
    secondary_need: str
    sen_status: str
    looked_after: bool
    child_in_need: bool
    child_protection: bool
    coordinator_id: int | None

    @staticmethod
    def resolve_national_curriculum_year(obj) -> int:
        return obj.nc_year_on(uk_today()).value


class ChildBrief(Schema):
    id: uuid.UUID
    given_name: str
    family_name: str
    date_of_birth: date
    setting_id: int | None
    sen_status: str


def _codes(options) -> set[str]:
    return {code for code, _ in options}


class ChildChanges(Schema):
    """Send `version` (from the last read) and only the fields to change."""

    version: int
    given_name: str | None = Field(None, min_length=1, max_length=100)
    family_name: str | None = Field(None, min_length=1, max_length=100)
    preferred_name: str | None = Field(None, max_length=100)
    date_of_birth: date | None = None
    nhs_number: str | None = None
    upn: str | None = None
    uln: str | None = None
    upn_unknown: str | None = None
    sex: str | None = None
    gender: str | None = Field(None, max_length=60)
    ethnicity: str | None = None
    first_language: str | None = Field(None, min_length=1, max_length=60)
    postcode: str | None = Field(None, max_length=8)
    primary_need: str | None = None
    secondary_need: str | None = None
    sen_status: str | None = None
    looked_after: bool | None = None
    child_in_need: bool | None = None
    child_protection: bool | None = None

    @field_validator("date_of_birth")
    @classmethod
    def _not_in_future(cls, value):
        if value is not None and value > uk_today():
            raise ValueError("Date of birth must be today or in the past")
        return value

    @field_validator("nhs_number")
    @classmethod
    def _nhs(cls, value):
        if value:
            if problem := nhs_number_problem(value):
                raise ValueError(problem)
            return normalise_nhs_number(value)
        return value

    @field_validator("upn")
    @classmethod
    def _upn(cls, value):
        if value:
            if problem := upn_problem(value):
                raise ValueError(problem)
            return normalise_upn(value)
        return value

    @field_validator("uln")
    @classmethod
    def _uln(cls, value):
        if value:
            if problem := uln_problem(value):
                raise ValueError(problem)
            return "".join(value.split())
        return value

    @field_validator("sex", "ethnicity", "primary_need", "secondary_need", "sen_status", "upn_unknown")
    @classmethod
    def _coded(cls, value, info):
        allowed = {
            "sex": _codes(choices.SEX) | {""},
            "ethnicity": _codes(choices.ETHNICITY),
            "primary_need": _codes(choices.SEN_TYPE) | {""},
            "secondary_need": _codes(choices.SEN_TYPE) | {""},
            "sen_status": _codes(choices.SEN_STATUS),
            "upn_unknown": _codes(choices.UPN_UNKNOWN) | {""},
        }[info.field_name]
        if value is not None and value not in allowed:
            raise ValueError(f"Must be one of: {', '.join(sorted(c for c in allowed if c))}")
        return value


@router.get("", response={200: list[ChildBrief], 401: Problem, 403: Problem})
@api_requires(Capability.VIEW_CHILD)
def search_children(
    request, name: str = "", date_of_birth: date | None = None, upn: str = "", nhs_number: str = ""
):
    found = Child.objects.visible_to(request.auth).find(
        name=name, date_of_birth=date_of_birth, upn=upn, nhs_number=nhs_number
    )
    results = list(found[:MAX_RESULTS])
    audit.record_listed(Actor.of(request), results, what="Listed by the API")
    return results


@router.get("/{child_id}", response={200: ChildOut, 401: Problem, 403: Problem, 404: Problem})
@api_requires(Capability.VIEW_CHILD)
def child_detail(request, child_id: uuid.UUID):
    child = get_object_or_404(Child.objects.visible_to(request.auth), pk=child_id)
    audit.record_read(Actor.of(request), child, what="Read through the API")
    return child


@router.patch(
    "/{child_id}",
    response={200: ChildOut, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: ValidationProblem},
)
@api_requires(Capability.EDIT_CHILD)
def update_child(request, child_id: uuid.UUID, changes: ChildChanges):
    child = get_object_or_404(Child.objects.editable_by(request.auth), pk=child_id)
    values = changes.model_dump(exclude_unset=True, exclude={"version"})
    for name, value in list(values.items()):
        if value is None:
            if name not in CLEARABLE:
                raise HttpError(422, f"{name} cannot be empty")
            values[name] = ""
    if values.get("upn_unknown") and (values.get("upn", child.upn) or values.get("uln", child.uln)):
        raise HttpError(422, "upn_unknown is only for a child with neither a UPN nor a ULN")
    if values.get("secondary_need") and values["secondary_need"] == values.get(
        "primary_need", child.primary_need
    ):
        raise HttpError(422, "Secondary need must be different from the primary need")
    try:
        services.update_child(child, by=Actor.of(request), expected_version=changes.version, changes=values)
    except EditConflict:
        return Status(
            409, {"detail": "Someone else changed this record. Read it again and reapply your change."}
        )
    return child
