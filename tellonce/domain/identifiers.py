"""Identifiers on a child's record: NHS number, unique pupil number (UPN), unique learner number (ULN);
and those of settings and councils: URN, UKPRN, the DfE's LA code and the postcode.

Sources: NHS Data Dictionary, "NHS Number" (modulus 11 check digit); DfE "Unique pupil numbers
(UPNs): guidance for schools and local authorities" (check letter, temporary UPNs); ESFA
"Unique learner number (ULN)" format; DfE SEN2 guide (a setting's URN from GIAS, up to 6 digits;
its UKPRN from the UK Register of Learning Providers, 8 digits, the first a 1; the council's old LA
code, 3 digits: send-rules.md section 9); Royal Mail's postcode format (an outward code of an area,
a district and an optional letter, a space, then a sector digit and two letters). Each `*_problem`
function returns None for a valid value, or the error message to show, in the GOV.UK Design
System's wording.
"""

import re

_SEPARATORS = re.compile(r"[\s-]")

# UPN check letters and the value of a letter in the last position of a temporary UPN:
# A-Z without I, O and S (DfE UPN guidance, annex A).
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def _compact(value: str) -> str:
    return _SEPARATORS.sub("", value or "")


def normalise_nhs_number(value: str) -> str:
    return _compact(value)


def format_nhs_number(value: str) -> str:
    """'4857773456' -> '485 777 3456', as the NHS writes it."""
    digits = normalise_nhs_number(value)
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if len(digits) == 10 else value


def nhs_number_check_digit(first_nine: str) -> int | None:
    """Modulus 11 with weights 10..2; None where the remainder gives 10 (no valid number)."""
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def nhs_number_problem(value: str) -> str | None:
    digits = normalise_nhs_number(value)
    if not digits.isdigit() or len(digits) != 10:
        return "Enter an NHS number in the correct format, like 485 777 3456"
    if nhs_number_check_digit(digits[:9]) != int(digits[9]):
        return "Enter a valid NHS number. Check the 10 digits are correct"
    return None


def normalise_upn(value: str) -> str:
    return _compact(value).upper()


def upn_check_letter(last_twelve: str) -> str:
    """The check letter for characters 2 to 13 of a UPN (each weighted by its position)."""
    total = 0
    for position, char in enumerate(last_twelve.upper(), start=2):
        value = UPN_LETTERS.index(char) if char.isalpha() else int(char)
        total += value * position
    return UPN_LETTERS[total % 23]


def upn_problem(value: str) -> str | None:
    upn = normalise_upn(value)
    if len(upn) != 13:
        return "Enter a UPN in the correct format: 13 characters, like A123456789012"
    body, last = upn[1:12], upn[12]
    if not body.isdigit() or not (last.isdigit() or last in UPN_LETTERS) or upn[0] not in UPN_LETTERS:
        return "Enter a UPN in the correct format: a letter, 11 digits, then a digit or a letter"
    if upn_check_letter(upn[1:]) != upn[0]:
        return "Enter a valid UPN. The first letter does not match the rest of the number"
    return None


def uln_check_digit(first_nine: str) -> int | None:
    """ULN check digit: weights 10..2, remainder mod 11, check = 10 - remainder (none if 10).

    (verify) against the ESFA ULN specification: the weighting was taken from secondary sources.
    """
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, range(10, 1, -1), strict=True))
    check = 10 - total % 11
    return None if check < 0 or check > 9 else check


def uln_problem(value: str) -> str | None:
    uln = _compact(value)
    if not uln.isdigit() or len(uln) != 10 or uln[0] == "0":
        return "Enter a ULN in the correct format: 10 digits, not starting with 0"
    if uln_check_digit(uln[:9]) != int(uln[9]):
        return "Enter a valid ULN. Check the 10 digits are correct"
    return None


def urn_problem(value: str) -> str | None:
    if not re.fullmatch(r"[0-9]{1,6}", value or ""):
        return "Enter a URN in the correct format: up to 6 digits, like 100000"
    return None


def ukprn_problem(value: str) -> str | None:
    if not re.fullmatch(r"1[0-9]{7}", value or ""):
        return "Enter a UKPRN in the correct format: 8 digits starting with 1, like 10012345"
    return None


def la_code_problem(value: str) -> str | None:
    if not re.fullmatch(r"[0-9]{3}", value or ""):
        return "Enter the LA code in the correct format: 3 digits, like 886"
    return None


_POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})")


def normalise_postcode(value: str) -> str:
    """'sw1a1aa' -> 'SW1A 1AA'; a value that is not a postcode comes back upper-cased and trimmed."""
    compact = _compact(value).upper()
    found = _POSTCODE.fullmatch(compact)
    return f"{found[1]} {found[2]}" if found else " ".join((value or "").upper().split())


def postcode_problem(value: str) -> str | None:
    if not _POSTCODE.fullmatch(normalise_postcode(value)):
        return "Enter a full UK postcode, like SW1A 1AA"
    return None
