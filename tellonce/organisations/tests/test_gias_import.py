"""Loading GIAS's establishment file (docs/gias-import.md). The files in tests/data are in GIAS's
real shape: its header row, Windows-1252 text, its quoting and the names it publishes for types,
phases, statuses and sixth forms; the establishments in them are invented, in Kent (LA 886) and
one in Medway (887)."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tellonce.accounts.actors import Actor, Channel
from tellonce.accounts.models import User
from tellonce.core.interchange import ImportFailed
from tellonce.domain.education_settings import SettingYears
from tellonce.domain.phase_transfer import Transfer, transfer_after
from tellonce.organisations import services
from tellonce.organisations.gias import decode
from tellonce.organisations.models import Setting
from tellonce.organisations.tests.factories import LocalAuthorityFactory, LocalityFactory, SettingFactory

DATA = Path(__file__).parent / "data"
GOOD, BAD = DATA / "gias_good.csv", DATA / "gias_bad.csv"

pytestmark = pytest.mark.django_db


@pytest.fixture
def kent():
    return LocalAuthorityFactory(name="Kent County Council", code="886")


def _import(path, council, **options):
    by = Actor.command(User.system_account(), "test", channel=Channel.IMPORT)
    return services.import_gias(decode(path.read_bytes()), by=by, local_authority=council, **options)


def _settings() -> dict:
    return {
        s.urn: (
            s.name,
            s.phase,
            s.setting_type,
            s.lowest_year,
            s.highest_year,
            s.has_sixth_form,
            s.ukprn,
            s.postcode,
        )
        for s in Setting.objects.all()
    }


def test_the_councils_open_establishments_are_loaded_with_their_phase_years_and_identifiers(kent):
    result = _import(GOOD, kent)
    assert (result.created, result.updated, result.unchanged) == (16, 0, 0)
    assert (result.rows, result.other_councils, result.not_open, result.not_settings) == (20, 1, 2, 1)
    assert _settings() == {
        "118001": ("Oakfield Infant School", "infant", "mainstream", 0, 2, False, "", "ME15 6AB"),
        "118002": ("Oakfield Junior School", "junior", "mainstream", 3, 6, False, "10071234", "ME15 6AD"),
        "141003": ("Hillside Primary Academy", "primary", "mainstream", -1, 6, False, "10041987", "ME16 8TL"),
        "118004": ("Broad Oak First School", "first", "mainstream", 0, 4, False, "", "TN12 9QA"),
        "118005": ("Ashdown Middle School", "middle", "mainstream", 5, 8, False, "", "TN12 9QB"),
        "137006": ("Weald Academy", "secondary", "mainstream", 7, 11, False, "10034211", "TN9 2PR"),
        "137007": ("Downs Grammar School", "secondary", "mainstream", 7, 13, True, "10034987", "ME14 2LZ"),
        "145008": ("Marsh Valley School", "all_through", "mainstream", 0, 13, True, "10065432", "ME10 3AB"),
        "118009": ("Rowan Tree School", "special", "maintained_special", -2, 14, False, "", "CT1 3NW"),
        "135010": (
            "North Kent Pupil Referral Unit",
            "alternative_provision",
            "alternative_provision",
            7,
            11,
            False,
            "",
            "DA11 0BZ",
        ),
        "130011": ("Mid Kent College", "fe_college", "fe_college", 12, 14, False, "10004321", "ME5 9UQ"),
        "130012": (
            "Castle Hill Sixth Form College",
            "sixth_form_college",
            "fe_college",
            12,
            14,
            True,
            "10001234",
            "TN9 1TF",
        ),
        "118013": (
            "Lycée Français de Tonbridge",
            "independent",
            "independent",
            -1,
            13,
            True,
            "10012988",
            "TN10 3AU",
        ),
        "118014": (
            "St Agnes' School",
            "non_maintained",
            "non_maintained_special",
            1,
            14,
            False,
            "",
            "CT9 2UL",
        ),
        "118015": ("Little Acorns Nursery School", "nursery", "early_years", -2, -1, False, "", "ME15 7HS"),
        "118016": ("Brook Primary School", "primary", "resourced_provision", 0, 6, False, "", "ME20 6SG"),
    }
    assert set(Setting.objects.values_list("local_authority_id", flat=True)) == {kent.pk}


def test_an_imported_infant_schools_year_2_pupils_transfer_to_junior_school(kent):
    _import(GOOD, kent)
    infant = Setting.objects.get(urn="118001")
    assert infant.years == SettingYears(0, 2, False, "infant")
    assert transfer_after(2, infant.years) == Transfer.INFANT_TO_JUNIOR


def test_loading_the_same_file_twice_changes_nothing_the_second_time(kent):
    _import(GOOD, kent)
    before = _settings()
    again = _import(GOOD, kent)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 16)
    assert _settings() == before


def test_a_setting_already_recorded_is_updated_by_its_urn_and_keeps_what_gias_does_not_say(kent):
    locality = LocalityFactory(local_authority=kent, name="Maidstone")
    old = SettingFactory(
        urn="118002",
        name="Oakfield Juniors",
        phase="primary",
        local_authority=kent,
        locality=locality,
        ukprn="10070000",
        postcode="ME15 6AD",
    )
    SettingFactory(
        urn="118015",
        name="Little Acorns",
        phase="nursery",
        setting_type="early_years",
        local_authority=kent,
        postcode="ME15 7HS",
    )
    result = _import(GOOD, kent)
    assert (result.created, result.updated) == (14, 2)
    old.refresh_from_db()
    assert (old.name, old.phase, old.lowest_year, old.highest_year, old.ukprn) == (
        "Oakfield Junior School",
        "junior",
        3,
        6,
        "10071234",
    )
    assert old.locality == locality and Setting.objects.filter(urn="118002").count() == 1


def test_a_blank_ukprn_in_the_file_leaves_the_one_recorded(kent):
    SettingFactory(
        urn="118001", name="Oakfield Infant School", phase="infant", local_authority=kent, ukprn="10099999"
    )
    _import(GOOD, kent)
    assert Setting.objects.get(urn="118001").ukprn == "10099999"


def test_every_councils_open_establishments_are_loaded_when_asked(kent):
    result = _import(GOOD, kent, all_councils=True)
    assert (result.created, result.other_councils) == (17, 0)
    assert Setting.objects.get(urn="118020").name == "Lordswood Primary School"


def test_a_file_with_bad_rows_is_refused_with_every_problem_by_line_and_column_and_nothing_is_written(kent):
    with pytest.raises(ImportFailed) as refused:
        _import(BAD, kent)
    assert refused.value.errors == [
        "line 3: URN is missing",
        "line 4 (URN 118202): TypeOfEstablishment (name) 'Secret garden school' is not an establishment type "
        "Tellonce knows",
        "line 5 (URN 118203): PhaseOfEducation (name) 'Kindergarten' does not say the phase of a Community school",
        "line 6 (URN 137204): StatutoryLowAge 16 is above StatutoryHighAge 11",
        "line 7 (URN 118205): UKPRN '1234': Enter a UKPRN in the correct format: 8 digits starting with 1, "
        "like 10012345",
        "line 8 (URN 118206): StatutoryLowAge 'four' is not a whole number of years",
        "line 8 (URN 118206): Postcode 'ME15': Enter a full UK postcode, like SW1A 1AA",
        "line 9 (URN 118207): StatutoryLowAge 4, StatutoryHighAge 7 and OfficialSixthForm (name) 'Has a sixth "
        "form': Infant schools do not teach Reception to Year 13",
        "line 10 (URN 118001): URN 118001 is in the file twice",
    ]
    assert not Setting.objects.exists()


def test_a_file_without_the_columns_gias_publishes_is_refused_before_any_row_is_read(kent):
    with pytest.raises(ImportFailed) as refused:
        services.import_gias(
            "urn,name,phase\n100000,The Aldgate School,Primary\n",
            by=Actor.command(User.system_account(), "test"),
            local_authority=kent,
        )
    [problem] = refused.value.errors
    assert problem.startswith('line 1: the header has no column "URN", "LA (code)"')


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "utf-8-sig"])
def test_the_file_is_read_in_windows_1252_as_gias_publishes_it_or_in_utf_8(encoding):
    text = GOOD.read_bytes().decode("cp1252")
    assert "Lycée Français de Tonbridge" in decode(text.encode(encoding))


def test_the_command_reports_its_progress_and_what_it_loaded(kent):
    out = io.StringIO()
    call_command("import-settings", str(GOOD), stdout=out)
    assert "Checking" in out.getvalue() and "Checked 20 rows: 16 open settings to load" in out.getvalue()
    assert "16 new settings, 0 changed, 0 already up to date" in out.getvalue()
    out = io.StringIO()
    call_command("import-settings", str(GOOD), "--local-authority", "886", stdout=out)
    assert "0 new settings, 0 changed, 16 already up to date" in out.getvalue()


def test_the_command_lists_every_problem_and_imports_nothing(kent):
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"9 problem\(s\) in .*gias_bad.csv. Nothing was imported."):
        call_command("import-settings", str(BAD), stdout=io.StringIO(), stderr=err)
    assert "line 6 (URN 137204): StatutoryLowAge 16 is above StatutoryHighAge 11" in err.getvalue()
    assert not Setting.objects.exists()


def test_the_command_needs_to_know_which_council_when_there_are_several(kent):
    LocalAuthorityFactory(name="Medway Council", code="887")
    with pytest.raises(CommandError, match="Say which council"):
        call_command("import-settings", str(GOOD), stdout=io.StringIO())
    with pytest.raises(CommandError, match="No local authority with the code '123'"):
        call_command("import-settings", str(GOOD), "--local-authority", "123", stdout=io.StringIO())


def test_a_long_file_reports_how_many_rows_it_has_read(kent):
    header, *rows = decode(GOOD.read_bytes()).splitlines()
    medway = next(row for row in rows if '"887"' in row)
    said = []
    result = services.import_gias(
        "\n".join([header, *[medway] * 20_000]),
        by=Actor.command(User.system_account(), "test"),
        local_authority=kent,
        progress=said.append,
    )
    assert result.other_councils == 20_000 and result.created == 0
    assert said[:2] == ["  read 10,000 rows", "  read 20,000 rows"]
