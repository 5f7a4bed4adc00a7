"""The roles people hold in a local area's SEND partnership, and the groups the permission rules use."""

from django.db import models


class Role(models.TextChoices):
    EHC_COORDINATOR = "ehc_coordinator", "EHC coordinator"
    SEND_MANAGER = "send_manager", "SEND team manager"
    QUALITY_LEAD = "quality_lead", "Quality lead"
    ANALYST = "analyst", "Performance and finance analyst"
    ADMINISTRATOR = "administrator", "Administrator"
    DESIGNATED_CLINICAL_OFFICER = "dco", "Designated clinical officer"
    THERAPIST = "therapist", "Therapist"
    PAEDIATRICIAN = "paediatrician", "Paediatrician"
    CAMHS_PRACTITIONER = "camhs", "CAMHS practitioner"
    EDUCATIONAL_PSYCHOLOGIST = "educational_psychologist", "Educational psychologist"
    SOCIAL_WORKER = "social_worker", "Social worker"
    DESIGNATED_SOCIAL_CARE_OFFICER = "dsco", "Designated social care officer"
    SENCO = "senco", "SENCO"
    PARENT = "parent", "Parent or carer"
    YOUNG_PERSON = "young_person", "Young person"
    BOARD_MEMBER = "board_member", "Partnership board member"
    LOCAL_OFFER_MANAGER = "local_offer_manager", "Local Offer manager"
    PROVIDER = "provider", "Service provider"


COUNCIL_READERS = frozenset(
    {Role.EHC_COORDINATOR, Role.SEND_MANAGER, Role.QUALITY_LEAD, Role.ANALYST, Role.ADMINISTRATOR}
)
PROFESSIONALS = frozenset(
    {
        Role.DESIGNATED_CLINICAL_OFFICER,
        Role.THERAPIST,
        Role.PAEDIATRICIAN,
        Role.CAMHS_PRACTITIONER,
        Role.EDUCATIONAL_PSYCHOLOGIST,
        Role.SOCIAL_WORKER,
        Role.DESIGNATED_SOCIAL_CARE_OFFICER,
    }
)
CASEWORKERS = frozenset({Role.EHC_COORDINATOR, Role.SEND_MANAGER})
FAMILY = frozenset({Role.PARENT, Role.YOUNG_PERSON})
# Improvement plans: these manage plans and findings; the board and council staff read them.
PLAN_MANAGERS = frozenset({Role.SEND_MANAGER, Role.QUALITY_LEAD})
BOARD_MEMBERS_AND_STAFF = COUNCIL_READERS | {Role.BOARD_MEMBER}
