"""NHS numbers (NHS Data Dictionary, modulus 11) and UPNs (DfE UPN guidance, check letter); the URN,
UKPRN, LA code and postcode of settings and councils (SEN2 guide; Royal Mail)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.identifiers import (
    UPN_LETTERS,
    format_nhs_number,
    la_code_problem,
    nhs_number_check_digit,
    nhs_number_problem,
    normalise_postcode,
    normalise_upn,
    postcode_problem,
    ukprn_problem,
    uln_problem,
    upn_check_letter,
    upn_problem,
    urn_problem,
)


@pytest.mark.parametrize("number", ["9434765919", "943 476 5919", "943-476-5919", "4010232137", "9990548609"])
def test_a_valid_nhs_number_is_accepted_with_or_without_separators(number):
    assert nhs_number_problem(number) is None


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("9434765918", "Enter a valid NHS number"),
        ("4010232138", "Enter a valid NHS number"),
        ("943476591", "correct format"),
        ("94347659190", "correct format"),
        ("94347A5919", "correct format"),
        ("", "correct format"),
    ],
)
def test_an_invalid_nhs_number_is_rejected_with_a_reason(number, message):
    assert message in nhs_number_problem(number)


def test_a_first_nine_digits_whose_check_would_be_ten_has_no_valid_nhs_number():
    # 1,0,0,0,0,0,0,0,1: 10 + 2 = 12, 12 mod 11 = 1, 11 - 1 = 10: never issued.
    assert nhs_number_check_digit("100000001") is None
    assert all(nhs_number_problem(f"100000001{d}") for d in "0123456789")


def test_an_nhs_number_is_formatted_in_three_three_four():
    assert format_nhs_number("9434765919") == "943 476 5919"


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_exactly_one_check_digit_makes_nine_digits_valid_unless_none_can(first_nine):
    valid = [d for d in "0123456789" if nhs_number_problem(first_nine + d) is None]
    expected = nhs_number_check_digit(first_nine)
    assert valid == ([] if expected is None else [str(expected)])


def _upn(body: str) -> str:
    return upn_check_letter(body) + body


@pytest.mark.parametrize(
    ("body", "letter"),
    [
        # 8,8,6,2,1,4,1,0,0,0,0,1 weighted 2..13 = 16+24+24+10+6+28+8+0+0+0+0+13 = 129; 129 mod 23 = 14 -> Q
        ("886214100001", "Q"),
        # all zeros: 0 -> A
        ("000000000000", "A"),
        # 99999999999 then a temporary-UPN letter Z (22): 9*(2+...+12) + 22*13 = 693 + 286 = 979; 979 mod 23 = 13 -> P
        ("99999999999Z", "P"),
    ],
)
def test_the_upn_check_letter_matches_worked_examples(body, letter):
    assert upn_check_letter(body) == letter
    assert upn_problem(letter + body) is None


@pytest.mark.parametrize(
    ("upn", "message"),
    [
        ("A886214100001", "first letter does not match"),
        ("Q88621410000", "13 characters"),
        ("Q8862141000011", "13 characters"),
        ("Q88621410000I", "correct format"),
        ("188621410000 1", "correct format"),
        ("Q88621A100001", "correct format"),
    ],
)
def test_an_invalid_upn_is_rejected_with_a_reason(upn, message):
    assert message in upn_problem(upn)


def test_a_upn_is_accepted_in_lower_case_and_with_spaces():
    assert upn_problem("q886 2141 00001") is None
    assert normalise_upn("q886 2141 00001") == "Q886214100001"


@given(
    st.text(alphabet="0123456789", min_size=11, max_size=11),
    st.sampled_from(list("0123456789") + list(UPN_LETTERS)),
)
def test_only_the_computed_check_letter_makes_a_upn_valid(digits, last):
    body = digits + last
    good = upn_check_letter(body)
    assert upn_problem(good + body) is None
    for other in UPN_LETTERS.replace(good, ""):
        assert upn_problem(other + body) is not None


@pytest.mark.parametrize("uln", ["123456789", "0123456789", "12345678ab"])
def test_a_uln_in_the_wrong_format_is_rejected(uln):
    assert "correct format" in uln_problem(uln)


@pytest.mark.parametrize("urn", ["100000", "151234", "1", "99999"])
def test_a_urn_is_up_to_six_digits(urn):
    assert urn_problem(urn) is None


@pytest.mark.parametrize("urn", ["", "1000000", "10000A", " 100000", "-1"])
def test_anything_else_is_not_a_urn(urn):
    assert "up to 6 digits" in urn_problem(urn)


@pytest.mark.parametrize(
    ("ukprn", "valid"),
    [
        ("10079319", True),
        ("10012345", True),
        ("1007931", False),
        ("100793190", False),
        ("20079319", False),
        ("1007931X", False),
        ("", False),
    ],
)
def test_a_ukprn_is_eight_digits_starting_with_1(ukprn, valid):
    assert (ukprn_problem(ukprn) is None) == valid


@pytest.mark.parametrize(
    ("code", "valid"),
    [("886", True), ("201", True), ("88", False), ("8860", False), ("E10", False), ("", False)],
)
def test_the_la_code_is_three_digits(code, valid):
    assert (la_code_problem(code) is None) == valid


@pytest.mark.parametrize(
    ("given", "normal"),
    [
        ("sw1a1aa", "SW1A 1AA"),
        ("EC3A 5DE", "EC3A 5DE"),
        (" ec3a  5de ", "EC3A 5DE"),
        ("M1 1AE", "M1 1AE"),
        ("b338th", "B33 8TH"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
    ],
)
def test_a_postcode_is_written_in_capitals_with_one_space(given, normal):
    assert normalise_postcode(given) == normal and postcode_problem(given) is None


@pytest.mark.parametrize("bad", ["", "SW1A", "SW1A 1A", "1AA SW1", "SW1A 1AAA", "Not known"])
def test_a_partial_or_mistyped_postcode_is_not_a_postcode(bad):
    assert "full UK postcode" in postcode_problem(bad)


@given(st.from_regex(r"[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}", fullmatch=True))
def test_every_postcode_shaped_value_is_accepted_and_normalising_it_twice_changes_nothing(value):
    once = normalise_postcode(value)
    assert postcode_problem(value) is None and normalise_postcode(once) == once
