"""The shipped schemas are the source's with the listed corrections and nothing else."""

import difflib

import pytest
from lxml import etree

from tellonce.returns import schema

SOURCE = schema.SCHEMAS / "source"


@pytest.mark.parametrize("year", schema.YEARS)
def test_the_shipped_schema_is_exactly_the_corrected_source(year):
    source = (SOURCE / f"sen2_schema_{year}.xsd").read_text(encoding="utf-8")
    assert schema.path(year).read_text(encoding="utf-8") == schema.corrected(source)


@pytest.mark.parametrize("year", schema.YEARS)
def test_the_only_changed_lines_are_the_corrections_and_the_london_codes(year):
    source = (SOURCE / f"sen2_schema_{year}.xsd").read_text(encoding="utf-8").splitlines()
    shipped = schema.path(year).read_text(encoding="utf-8").splitlines()
    corrected_lines = {line.strip() for c in schema.CORRECTIONS for line in c.now.splitlines()}
    removed_lines = {line.strip() for c in schema.CORRECTIONS for line in c.was.splitlines()}
    for line in difflib.ndiff(source, shipped):
        if line.startswith("+ "):
            assert line[2:].strip() in corrected_lines, line
        elif line.startswith("- "):
            assert line[2:].strip() in removed_lines or line[2:].strip().startswith(
                "<xs:enumeration value="
            ), line


def test_the_readme_lists_every_correction_and_the_licence():
    readme = (schema.SCHEMAS / "README.md").read_text(encoding="utf-8")
    for correction in schema.CORRECTIONS:
        assert correction.why.replace("^ or $", "`^` or `$`") in readme, correction.item
    assert "MIT licence" in readme and "Open Government Licence" in readme


@pytest.mark.parametrize("value", ["1", "123456"])
def test_a_urn_of_up_to_six_digits_passes_the_corrected_schema_and_failed_the_source(value):
    assert _accepts(schema.path(2026), "urntype", value)
    assert not _accepts(SOURCE / "sen2_schema_2026.xsd", "urntype", value)


def test_a_ten_digit_uln_passes_and_an_eight_digit_one_does_not():
    xsd = schema.path(2026)
    assert _accepts(xsd, "uniquelearnernumbertype", "9876543210")
    assert not _accepts(xsd, "uniquelearnernumbertype", "98765432")
    assert _accepts(xsd, "ukprntype", "10012345") and not _accepts(xsd, "ukprntype", "1001234")


def test_every_councils_code_passes_not_only_londons():
    xsd = schema.path(2025)
    assert _accepts(xsd, "exportedandleatype", "886") and _accepts(xsd, "exportedandleatype", "201")
    assert not _accepts(xsd, "exportedandleatype", "88")


def test_the_sources_sample_fails_only_on_its_own_upns_once_corrected():
    sample = etree.parse(str(SOURCE / "sen2_sample_2025.xml"))
    xsd = schema.load(2025)
    assert not xsd.validate(sample)
    assert {e.message.split(":")[0] for e in xsd.error_log} == {"Element 'UPN'"}


def test_a_year_without_its_own_schema_uses_the_latest_older_one():
    assert (schema.schema_year(2027), schema.schema_year(2025), schema.schema_year(2024)) == (
        2026,
        2025,
        2025,
    )
    with pytest.raises(ValueError):
        schema.path(2024)


def _accepts(path, type_name: str, value: str) -> bool:
    """Whether a value of the named simple type passes: the schema file with one element, Probe,
    of that type as its only top-level element."""
    tree = etree.parse(str(path)).getroot()
    xs = "{http://www.w3.org/2001/XMLSchema}"
    for element in tree.findall(f"{xs}element"):
        tree.remove(element)
    etree.SubElement(tree, f"{xs}element", name="Probe", type=type_name)
    return etree.XMLSchema(tree).validate(etree.fromstring(f"<Probe>{value}</Probe>"))


def test_the_docs_list_every_business_rule():
    from pathlib import Path

    from tellonce.domain.sen2.rules import RULES

    docs = (Path(__file__).resolve().parents[3] / "docs" / "sen2-return.md").read_text(encoding="utf-8")
    assert [rule_id for rule_id in RULES if f"| {rule_id} | {RULES[rule_id].title}" not in docs] == []
