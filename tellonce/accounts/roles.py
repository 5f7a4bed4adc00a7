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
    SOCIAL_WORKER = "social_worker", "Social worker"
    DESIGNATED_SOCIAL_CARE_OFFICER = "dsco", "Designated social care officer"
    SENCO = "senco", "SENCO"
    PARENT = "parent", "Parent or carer"
    YOUNG_PERSON = "young_person", "Young person"
    BOARD_MEMBER = "board_member", "Partnership board member"
    LOCAL_OFFER_MANAGER = "local_offer_manager", "Local Offer manager"
    PROVIDER = "provider", "Service provider"
