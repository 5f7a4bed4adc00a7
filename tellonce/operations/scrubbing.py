"""Personal identifiers taken out of free text before it leaves the process (logs, error reports).

A log line or an error report must never carry a child's NHS number, UPN or ULN, or anyone's
e-mail address. Names cannot be recognised in free text, so nothing logs them: the request log
has the path without its query string (paths name records by UUID) and the user's id."""

import re

# 10 digits, written together or 3-3-4 with spaces or hyphens: an NHS number or a ULN.
_TEN_DIGITS = re.compile(r"(?<![\w])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\w])")
# A UPN: a letter, 11 digits, then a digit or a letter (a temporary UPN ends in a letter).
_UPN = re.compile(r"(?<![\w])[A-Za-z]\d{11}[A-Za-z0-9](?![\w])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

REPLACEMENTS = (
    (_EMAIL, "[email]"),
    (_UPN, "[upn]"),
    (_TEN_DIGITS, "[number]"),
)


def scrub(text: str) -> str:
    for pattern, replacement in REPLACEMENTS:
        text = pattern.sub(replacement, text)
    return text
