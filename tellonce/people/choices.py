"""Choices for the child record. Statutory code lists (SEN2 and CBDS) live in domain.codes;
the rest are Tellonce's own."""

from tellonce.domain import codes

SEX = codes.SEX.choices()
ETHNICITY = codes.ETHNICITY.choices()
SEN_TYPE = codes.SEN_TYPE.choices()
SEN_STATUS = codes.SEN_STATUS.choices()
UPN_UNKNOWN = codes.UPN_UNKNOWN.choices()

RELATIONSHIP = [
    ("mother", "Mother"),
    ("father", "Father"),
    ("step_parent", "Step-parent"),
    ("grandparent", "Grandparent"),
    ("foster_carer", "Foster carer"),
    ("special_guardian", "Special guardian"),
    ("other_carer", "Other carer"),
    ("sibling", "Brother or sister"),
]
CONTACT_METHOD = [("email", "Email"), ("phone", "Phone call"), ("text", "Text message"), ("post", "Letter")]
ACCESSIBLE_FORMAT = [
    ("", "None needed"),
    ("large_print", "Large print"),
    ("easy_read", "Easy read"),
    ("braille", "Braille"),
    ("audio", "Audio"),
    ("bsl", "British Sign Language video"),
]
SHARE_WITH = [
    ("education", "Education settings"),
    ("health", "Health services"),
    ("social_care", "Social care"),
    ("voluntary", "Voluntary and community services"),
]
CONSENT_DECISION = [("given", "Given"), ("refused", "Refused"), ("withdrawn", "Withdrawn")]
