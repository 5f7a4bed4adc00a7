"""The roles people hold in a local area's SEND partnership. What each role may do is decided in one
place, the permission policy (accounts/policy.py)."""

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
    HEALTH_VISITOR = "health_visitor", "Health visitor"
    SOCIAL_WORKER = "social_worker", "Social worker"
    DESIGNATED_SOCIAL_CARE_OFFICER = "dsco", "Designated social care officer"
    SENCO = "senco", "SENCO"
    PARENT = "parent", "Parent or carer"
    YOUNG_PERSON = "young_person", "Young person"
    BOARD_MEMBER = "board_member", "Partnership board member"
    LOCAL_OFFER_MANAGER = "local_offer_manager", "Local Offer manager"
    PROVIDER = "provider", "Service provider"


class ActsFor(models.TextChoices):
    """What a role's account belongs to, which decides the council it works for."""

    COUNCIL = "council", "the council"
    SETTING = "setting", "a school or college"
    TEAM = "team", "a health or care team"
    ITSELF = "itself", "no organisation"


def acts_for(role: str) -> ActsFor:
    """A SENCO acts for their school or college; health and care professionals for their team
    (the designated officers may act for the council instead); families and Local Offer providers
    for no organisation; everyone else for the council."""
    if role == Role.SENCO:
        return ActsFor.SETTING
    if role in (
        Role.THERAPIST,
        Role.PAEDIATRICIAN,
        Role.CAMHS_PRACTITIONER,
        Role.EDUCATIONAL_PSYCHOLOGIST,
        Role.SOCIAL_WORKER,
        Role.HEALTH_VISITOR,
    ):
        return ActsFor.TEAM
    if role in (Role.PARENT, Role.YOUNG_PERSON, Role.PROVIDER):
        return ActsFor.ITSELF
    return ActsFor.COUNCIL
