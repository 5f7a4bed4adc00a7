"""The words an import-cases file may use for the SEN2 code lists (docs/import-format.md): each
code, and its label, in any case, read back as the code."""

from tellonce.domain import codes
from tellonce.domain.ceasing import CEASE_REASON_LABELS, CeaseReason


def words(code_list: codes.CodeList) -> dict[str, str]:
    """Each code and its label, lower-cased, to the code."""
    found = {}
    for code, label in code_list.entries:
        found[" ".join(label.lower().split())] = code
        found[code.lower()] = code
    return found


def listed(code_list: codes.CodeList) -> str:
    """The codes, for a message: "one of M or F"."""
    every = [code for code, _ in code_list.entries]
    return "one of " + ", ".join(every[:-1]) + f" or {every[-1]}" if len(every) > 1 else every[0]


SEX = words(codes.SEX)
ETHNICITY = words(codes.ETHNICITY)
UPN_UNKNOWN = words(codes.UPN_UNKNOWN)
SEN_TYPE = words(codes.SEN_TYPE)
SEN_SETTING = words(codes.SEN_SETTING)
RESIDENTIAL = words(codes.RESIDENTIAL)
WORK_BASED = words(codes.WORK_BASED)
DIRECT_PAYMENT = words(codes.DIRECT_PAYMENT)
CEASE_REASON = {
    **{" ".join(label.lower().split()): reason.value for reason, label in CEASE_REASON_LABELS.items()},
    **{reason.name.lower(): reason.value for reason in CeaseReason},
    **{reason.name.lower().replace("_", " "): reason.value for reason in CeaseReason},
    **{reason.value: reason.value for reason in CeaseReason},
}
# The settings that need saying in words (SENSettingOther).
SETTING_IN_WORDS = {"OTH", "NIEO"}
