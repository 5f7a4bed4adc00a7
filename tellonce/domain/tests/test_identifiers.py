"""NHS numbers (NHS Data Dictionary, modulus 11) and UPNs (DfE UPN guidance, check letter)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.identifiers import (
    UPN_LETTERS,
    format_nhs_number,
    nhs_number_check_digit,
    nhs_number_problem,
    normalise_upn,
    uln_problem,
    upn_check_letter,
    upn_problem,
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
