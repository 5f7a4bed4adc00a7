"""Changes to the council's own details: its name and DfE LA code, and whether its designated
medical, clinical and social care officers are in post, as the SEN2 return's header gives them
(send-rules.md section 9); each refuses a value the return could not carry (InvalidStep, with the
field it is about). The pages that call them, and audit what they change, are the administration
pages'; the audit module sits above this one. And the council's settings, loaded from GIAS's
establishment file (docs/gias-import.md)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from tellonce.accounts.actors import Actor
from tellonce.core.refusals import InvalidStep
from tellonce.domain.codes import OFFICER_IN_POST
from tellonce.domain.identifiers import la_code_problem
from tellonce.organisations import gias
from tellonce.organisations.models import HealthProvider, LocalAuthority, Locality, Setting, Team

__all__ = [
    "change_council_details",
    "record_designated_officers",
    "import_gias",
    "GiasImport",
    "add_record",
    "change_record",
]


@transaction.atomic
def change_council_details(
    council: LocalAuthority, *, by: Actor, name: str, code: str, expected_version: int | None = None
) -> LocalAuthority:
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
    _save(council, ["name", "code"], expected_version)
    return council


def _save(council: LocalAuthority, fields: list[str], expected_version: int | None) -> None:
    """With the version the page read, refused if someone else saved since (EditConflict)."""
    if expected_version is None:
        council.save(update_fields=fields)
    else:
        council.save_versioned(expected_version=expected_version, fields=fields)


@transaction.atomic
def record_designated_officers(
    council: LocalAuthority,
    *,
    by: Actor,
    medical: str,
    clinical: str,
    social_care: str,
    expected_version: int | None = None,
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
    _save(council, list(given), expected_version)
    return council


@dataclass(frozen=True, slots=True)
class GiasImport:
    """What loading a GIAS file did: settings created, changed and already as the file has them;
    and the rows left out (another council's, not open, or no setting a child is placed in)."""

    created: int
    updated: int
    unchanged: int
    rows: int
    other_councils: int
    not_open: int
    not_settings: int


# What GIAS says of a setting; a blank UKPRN or postcode in the file leaves the one recorded.
GIAS_FIELDS = (
    "name",
    "phase",
    "setting_type",
    "lowest_year",
    "highest_year",
    "has_sixth_form",
    "ukprn",
    "postcode",
)
KEPT_IF_BLANK = frozenset({"ukprn", "postcode"})
BATCH = 1000


def import_gias(
    text: str,
    *,
    by: Actor,
    local_authority: LocalAuthority,
    all_councils: bool = False,
    progress: Callable[[str], None] | None = None,
) -> GiasImport:
    """Create or update, by URN, the settings of GIAS's establishment file (its text): the open
    establishments of `local_authority`'s LA code, or of every council with `all_councils`, each
    with its name, phase, years, sixth form, type, UKPRN and postcode. All or nothing: a file with
    any bad row raises core.interchange.ImportFailed listing every problem by line and column, and
    writes nothing. Loading the same file again changes nothing."""
    reading = gias.read(text, la_code=None if all_councils else local_authority.code, progress=progress)
    if progress:
        progress(f"Checked {reading.rows:,} rows: {len(reading.establishments):,} open settings to load")
    with transaction.atomic():
        existing = _by_urn([e.urn for e in reading.establishments])
        new, changed = [], []
        for establishment in reading.establishments:
            values = _values(establishment)
            setting = existing.get(establishment.urn)
            if setting is None:
                new.append(Setting(urn=establishment.urn, local_authority=local_authority, **values))
                continue
            values = {k: v for k, v in values.items() if v != "" or k not in KEPT_IF_BLANK}
            if any(getattr(setting, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(setting, name, value)
                changed.append(setting)
        Setting.objects.bulk_create(new, batch_size=BATCH)
        Setting.objects.bulk_update(changed, GIAS_FIELDS, batch_size=BATCH)
    return GiasImport(
        created=len(new),
        updated=len(changed),
        unchanged=len(reading.establishments) - len(new) - len(changed),
        rows=reading.rows,
        other_councils=reading.other_councils,
        not_open=reading.not_open,
        not_settings=reading.not_settings,
    )


def _by_urn(urns: list[str]) -> dict[str, Setting]:
    found = {}
    for start in range(0, len(urns), BATCH):
        found.update({s.urn: s for s in Setting.objects.filter(urn__in=urns[start : start + BATCH])})
    return found


def _values(establishment: gias.Establishment) -> dict[str, object]:
    years = establishment.years
    return {
        "name": establishment.name,
        "phase": establishment.phase.value,
        "setting_type": establishment.setting_type.value,
        "lowest_year": years.lowest,
        "highest_year": years.highest,
        "has_sixth_form": years.sixth_form,
        "ukprn": establishment.ukprn,
        "postcode": establishment.postcode,
    }


# The council's teams, localities, health providers and settings, added and changed from the
# administration pages (which keep each change in the administration log).

Record = LocalAuthority | Locality | HealthProvider | Setting | Team
EDITABLE: dict[type, tuple[str, ...]] = {
    Team: ("name", "service", "provider", "locality", "email"),
    Locality: ("name", "postcode_districts"),
    HealthProvider: ("name", "ods_code"),
    Setting: (
        "name",
        "urn",
        "ukprn",
        "phase",
        "setting_type",
        "lowest_year",
        "highest_year",
        "has_sixth_form",
        "locality",
        "postcode",
    ),
}


@transaction.atomic
def add_record(
    model: type[Record], council: LocalAuthority, *, by: Actor, values: dict[str, object]
) -> Record:
    """A new team, locality, health provider or setting of `council`, checked as its model checks
    it (InvalidStep, by field)."""
    record = model(local_authority=council, **_only(model, values))
    _check(record)
    record.save()
    return record


@transaction.atomic
def change_record(
    record: Record, *, by: Actor, expected_version: int, values: dict[str, object]
) -> dict[str, object]:
    """Change a team, locality, health provider or setting; returns what each changed field held
    before. Refused when invalid (InvalidStep) or when someone else saved first (EditConflict)."""
    given = _only(type(record), values)
    before = {name: getattr(record, name) for name, value in given.items() if getattr(record, name) != value}
    for name in before:
        setattr(record, name, given[name])
    _check(record)
    record.save_versioned(expected_version=expected_version, fields=list(before))
    return before


def _only(model: type[Record], values: dict[str, object]) -> dict[str, object]:
    return {name: value for name, value in values.items() if name in EDITABLE[model]}


def _check(record: Record) -> None:
    try:
        record.full_clean(exclude=["local_authority", "version"], validate_constraints=False)
    except ValidationError as invalid:
        raise InvalidStep.about(
            {name: " ".join(messages) for name, messages in invalid.message_dict.items()}
        ) from None
    if isinstance(record, Setting) and record.urn:
        clash = Setting.objects.filter(urn=record.urn).exclude(pk=record.pk).first()
        if clash is not None:
            raise InvalidStep.about({"urn": f"{clash.name} already has the URN {record.urn}"})
    if isinstance(record, Locality):
        if (
            Locality.objects.filter(local_authority=record.local_authority, name=record.name)
            .exclude(pk=record.pk)
            .exists()
        ):
            raise InvalidStep.about({"name": f"The council already has a locality called {record.name}"})
