"""`tellonce sen2-return`: --check, the refusal to leave a schema-invalid file, and the log."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tellonce.audit.models import AccessEvent, Action
from tellonce.organisations.models import LocalAuthority
from tellonce.organisations.tests.factories import LocalAuthorityFactory
from tellonce.people.models import Child
from tellonce.returns import schema
from tellonce.returns.tests.case_file import import_cases
from tellonce.returns.writer import meets_schema, validate

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("sen2-return", *args, stdout=out, stderr=err)
    except SystemExit as stop:
        return stop.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_check_passes_a_complete_return_and_counts_it_by_module(tmp_path):
    import_cases(tmp_path)
    code, out, err = run("--year", "2026", "--check")
    assert code == 0, out
    assert "People (module 1): 9" in out and "EHC plans (module 4): 5" in out
    assert "Every business rule and the schema pass." in err


def test_check_lists_each_failing_record_with_its_rule_and_exits_1(tmp_path):
    import_cases(tmp_path)
    Child.objects.filter(external_ref="C1").update(upn="", upn_unknown="")
    code, out, _ = run("--year", "2026", "--check")
    assert code == 1
    assert "SEN2-P01" in out and "Record the UPN, the ULN or the reason there is neither" in out


def test_a_schema_invalid_return_is_refused_and_no_file_is_left(tmp_path):
    import_cases(tmp_path)
    LocalAuthority.objects.update(designated_medical_officer="")
    output = tmp_path / "sen2.xml"
    code, _, err = run("--year", "2026", "--output", str(output))
    assert code == 1
    assert "The header" in err and "DMO" in err and "was not written" in err
    assert list(tmp_path.glob("*.xml*")) == [] and list(tmp_path.glob(".sen2*")) == []


def test_a_written_return_logs_an_export_for_each_child_in_it(tmp_path):
    import_cases(tmp_path)
    output = tmp_path / "sen2.xml"
    code, _, err = run("--year", "2026", "--output", str(output))
    assert code == 0 and output.exists() and "Wrote 9 people" in err
    exported = AccessEvent.objects.filter(action=Action.EXPORT, what__contains="SEN2 2026")
    assert exported.values("child").distinct().count() == 9


def test_with_several_councils_the_council_must_be_named(tmp_path):
    import_cases(tmp_path)
    LocalAuthorityFactory(code="314")
    with pytest.raises(CommandError, match="--council"):
        run("--year", "2026", "--check")
    code, out, _ = run("--year", "2026", "--check", "--council", "314")
    assert "People (module 1): 0" in out


def test_output_or_check_is_needed():
    with pytest.raises(CommandError, match="--output"):
        run("--year", "2026")


def test_a_return_is_checked_against_the_schema_a_person_at_a_time_and_an_error_anywhere_is_found(tmp_path):
    """A valid file is checked as it is read, each Person let go (so memory does not grow with the
    return); an error in the last Person, or in the header, is still found, and listed in full."""
    import_cases(tmp_path)
    output = tmp_path / "sen2.xml"
    assert run("--year", "2026", "--output", str(output))[0] == 0
    xsd = schema.load(schema.schema_year(2026))
    text = output.read_text(encoding="utf-8")
    assert meets_schema(output, xsd) and validate(output, 2026) == []

    persons = text.count("<Person>")
    last = text.rindex("<Person>")
    broken_last = tmp_path / "last.xml"
    broken_last.write_text(
        text[:last]
        + text[last:].replace("<Surname>", "<Nickname>", 1).replace("</Surname>", "</Nickname>", 1),
        encoding="utf-8",
    )
    broken_header = tmp_path / "header.xml"
    broken_header.write_text(
        text.replace("<Collection>", "<Gathering>", 1).replace("</Collection>", "</Gathering>", 1),
        encoding="utf-8",
    )

    assert not meets_schema(broken_last, xsd)
    errors = validate(broken_last, 2026)
    assert errors and {e.person for e in errors} == {persons}
    assert not meets_schema(broken_header, xsd)
    assert [e.person for e in validate(broken_header, 2026)][:1] == [None]
