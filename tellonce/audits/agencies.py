"""Which agency an auditor grades for, from their role: each agency grades its own sections."""

from tellonce.accounts.roles import Role
from tellonce.audits.models import Agency

AGENCY_OF_ROLE = {
    Role.QUALITY_LEAD: Agency.EDUCATION,
    Role.SEND_MANAGER: Agency.EDUCATION,
    Role.EHC_COORDINATOR: Agency.EDUCATION,
    Role.EDUCATIONAL_PSYCHOLOGIST: Agency.EDUCATION,
    Role.DESIGNATED_CLINICAL_OFFICER: Agency.HEALTH,
    Role.THERAPIST: Agency.HEALTH,
    Role.PAEDIATRICIAN: Agency.HEALTH,
    Role.DESIGNATED_SOCIAL_CARE_OFFICER: Agency.SOCIAL_CARE,
    Role.SOCIAL_WORKER: Agency.SOCIAL_CARE,
}


def agency_of(user) -> str | None:
    return AGENCY_OF_ROLE.get(user.role)
