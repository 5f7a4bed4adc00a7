import pytest

from tellonce.domain import codes


def test_the_sen2_need_codes_include_down_syndrome_from_2025():
    assert codes.SEN_TYPE.codes == {
        "SPLD",
        "MLD",
        "SLD",
        "PMLD",
        "SEMH",
        "SLCN",
        "HI",
        "VI",
        "MSI",
        "PD",
        "ASD",
        "DS",
        "OTH",
    }


def test_every_code_list_has_unique_codes_and_labels():
    for code_list in (
        codes.SEN_TYPE,
        codes.ETHNICITY,
        codes.SEN_STATUS,
        codes.SEX,
        codes.SEN_SETTING,
        codes.REQUEST_SOURCE,
        codes.UPN_UNKNOWN,
        codes.RESIDENTIAL,
        codes.WORK_BASED,
        codes.DIRECT_PAYMENT,
        codes.PLACEMENT_RANK,
    ):
        assert len(code_list.codes) == len(code_list.entries)
        assert len({label for _, label in code_list.entries}) == len(code_list.entries)


def test_a_label_is_found_by_its_code_and_an_unknown_code_is_an_error():
    assert codes.SEN_TYPE.label_of("ASD") == "Autistic spectrum disorder"
    with pytest.raises(KeyError):
        codes.ETHNICITY.label_of("XXXX")


def test_every_sen_status_maps_to_a_school_census_letter():
    assert {codes.SCHOOL_CENSUS_SEN[c] for c in codes.SEN_STATUS.codes} == {"N", "K", "E"}


def test_the_reasons_for_no_upn_are_the_guides_seven_with_no_un4_un6_or_un7():
    assert codes.UPN_UNKNOWN.codes == {"UN1", "UN2", "UN3", "UN5", "UN8", "UN9", "UN10"}


def test_direct_payments_name_one_service_or_integrated():
    assert codes.DIRECT_PAYMENT.codes == {"E", "S", "H", "I"}
