"""Changes to the council's own details: its name and DfE LA code, and whether its designated
medical, clinical and social care officers are in post, as the SEN2 return's header gives them
(send-rules.md section 9). Each refuses a value the return could not carry (InvalidStep, with the
field it is about). The pages that call them, and audit what they change, are the administration
pages'; the audit module sits above this one."""

from django.db import transaction

from tellonce.accounts.actors import Actor
from tellonce.core.refusals import InvalidStep
from tellonce.domain.codes import OFFICER_IN_POST
from tellonce.domain.identifiers import la_code_problem
from tellonce.organisations.models import LocalAuthority

__all__ = ["change_council_details", "record_designated_officers"]


@transaction.atomic
def change_council_details(council: LocalAuthority, *, by: Actor, name: str, code: str) -> LocalAuthority:
    """The council's name and its 3-digit DfE LA code (the SEN2 header's LEA), unique among councils."""
    name, code = " ".join(name.split()), code.strip()
    problems = {}
    if not name:
        problems["name"] = "Enter the council's name"
    if problem := la_code_problem(code):
        problems["code"] = problem
    elif LocalAuthority.objects.filter(code=code).exclude(pk=council.pk).exists():
        problems["code"] = f"Another council already has the LA code {code}"
    if problems:
        raise InvalidStep.about(problems)
    council.name, council.code = name, code
    council.save(update_fields=["name", "code"])
    return council


@transaction.atomic
def record_designated_officers(
    council: LocalAuthority, *, by: Actor, medical: str, clinical: str, social_care: str
) -> LocalAuthority:
    """Whether the designated medical (DMO), clinical (DCO) and social care (DSCO) officers are in
    post: Y, N or R for recruitment in progress; blank while not known."""
    given = {
        "designated_medical_officer": medical.strip().upper(),
        "designated_clinical_officer": clinical.strip().upper(),
        "designated_social_care_officer": social_care.strip().upper(),
    }
    problems = {
        field: "Say whether the officer is in post (Y), not in post (N) or being recruited (R)"
        for field, value in given.items()
        if value and value not in OFFICER_IN_POST.codes
    }
    if problems:
        raise InvalidStep.about(problems)
    for field, value in given.items():
        setattr(council, field, value)
    council.save(update_fields=list(given))
    return council
