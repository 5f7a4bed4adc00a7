"""What every page's layout needs: the area's name, the menu for this user's role, footer links."""

from django.conf import settings
from django.urls import reverse

from tellonce.accounts.roles import CASEWORKERS, COUNCIL_READERS, PROFESSIONALS, Role


def _menu(user) -> list[tuple[str, str]]:
    if not user.is_authenticated:
        return []
    items = []
    if user.role in CASEWORKERS:
        items.append(("My caseload", reverse("assessments:caseload")))
        items.append(("Overdue", reverse("assessments:overdue")))
        items.append(("Reviews", reverse("reviews:schedule")))
    if user.role in COUNCIL_READERS:
        items.append(("Find a child", reverse("people:find")))
    if user.role in (Role.SEND_MANAGER, Role.QUALITY_LEAD):
        items.append(("Plan quality", reverse("plans:quality")))
    if user.role == Role.SENCO:
        items.append(("Our pupils", reverse("people:list")))
        items.append(("Reviews", reverse("reviews:setting")))
    if user.role in PROFESSIONALS or user.role == Role.SENCO:
        items.append(("Advice requests", reverse("advice:inbox")))
    if user.role in PROFESSIONALS:
        items.append(("Children I work with", reverse("people:list")))
    if user.role == Role.PARENT:
        items.append(("My children", reverse("people:my-children")))
    if user.role == Role.YOUNG_PERSON:
        items.append(("My record", reverse("people:my-children")))
    if user.role == Role.BOARD_MEMBER:
        items.append(("Partnership overview", reverse("workspace:home")))
    if user.role in COUNCIL_READERS or user.role == Role.BOARD_MEMBER:
        items.append(("Timeliness", reverse("assessments:timeliness")))
    if user.role in COUNCIL_READERS or user.role in (Role.BOARD_MEMBER, Role.DESIGNATED_CLINICAL_OFFICER):
        items.append(("Advice timeliness", reverse("advice:timeliness")))
    if user.role in (Role.ANALYST, Role.SEND_MANAGER, Role.BOARD_MEMBER, Role.QUALITY_LEAD):
        items.append(("Forecasts", reverse("finance:forecasts")))
        items.append(("Top-up bands", reverse("finance:banding")))
        items.append(("Spend", reverse("finance:spend")))
    health = user.role in PROFESSIONALS and user.team_id and user.team.provider_id
    if (
        user.role in COUNCIL_READERS
        or user.role in (Role.BOARD_MEMBER, Role.DESIGNATED_CLINICAL_OFFICER)
        or health
    ):
        items.append(("Waiting lists", reverse("waiting_lists:overview")))
    if user.role in COUNCIL_READERS or user.role in (Role.BOARD_MEMBER, Role.PARENT, Role.YOUNG_PERSON):
        items.append(("Surveys", reverse("feedback:surveys")))
    if user.role in COUNCIL_READERS:
        items.append(("Feedback log", reverse("feedback:log")))
    if user.role == Role.LOCAL_OFFER_MANAGER:
        items.append(("Manage the Local Offer", reverse("local_offer:manage")))
    if user.role in (Role.LOCAL_OFFER_MANAGER, Role.PROVIDER):
        items.append(("Listings", reverse("local_offer:my-listings")))
        items.append(("Online referrals", reverse("local_offer:referrals")))
    if user.role in COUNCIL_READERS or user.role == Role.BOARD_MEMBER:
        items.append(("Improvement plan", reverse("improvement:inspections")))
    if user.role in COUNCIL_READERS or user.role in PROFESSIONALS:
        items.append(("My actions", reverse("improvement:my-actions")))
    items.append(("Sign out", reverse("accounts:sign-out-confirm")))
    return items


def navigation(request) -> dict:
    path = request.path
    nav = [{"text": text, "href": href, "active": path == href} for text, href in _menu(request.user)]
    area = settings.TELLONCE_AREA_NAME
    if not area and request.user.is_authenticated and request.user.local_authority_id:
        area = request.user.local_authority.name
    return {
        "area_name": area or "Tellonce",
        "nav_items": nav,
        "footer_items": [
            {"href": reverse("feedback:you-said-we-did"), "text": "You said, we did"},
            {"href": reverse("core:accessibility"), "text": "Accessibility statement"},
            {"href": reverse("core:privacy"), "text": "Privacy"},
        ],
    }
