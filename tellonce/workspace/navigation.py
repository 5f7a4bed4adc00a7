"""What every page's layout needs: the area's name, the menu and the footer links.

The menu is data: each item names the capability that opens its page, so a user is shown exactly
the pages the permission policy lets them open. A label can depend on the scope (a SENCO's
"Our pupils" is a professional's "Children I work with")."""

import functools
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from tellonce.accounts.policy import Capability, Scope, allows, scope
from tellonce.accounts.two_factor import has_finished_signing_in
from tellonce.core.time import uk_today
from tellonce.workspace.work import count_for

C = Capability


@dataclass(frozen=True)
class MenuItem:
    text: str
    page: str  # URL name
    opened_by: tuple[Capability, ...]
    text_by_scope: dict[Scope, str] = field(default_factory=dict)

    def label_for(self, user) -> str:
        for capability in self.opened_by:
            reach = scope(user, capability)
            if reach in self.text_by_scope:
                return self.text_by_scope[reach]
        return self.text


MENU = (
    MenuItem("My work", "workspace:my-work", (C.WORK_CASELOAD,)),
    MenuItem("My caseload", "assessments:caseload", (C.WORK_CASELOAD,)),
    MenuItem("New requests", "front_door:queue", (C.TRIAGE_REQUESTS,)),
    MenuItem("Allocate", "workspace:allocation", (C.ALLOCATE_CASES,)),
    MenuItem("Overdue", "assessments:overdue", (C.WORK_CASELOAD,)),
    MenuItem("Reviews", "reviews:schedule", (C.SEE_REVIEW_SCHEDULE,)),
    MenuItem("Appeals", "appeals:open", (C.SEE_OPEN_APPEALS,)),
    MenuItem("Find a child", "people:find", (C.FIND_CHILD,)),
    MenuItem("Panels", "panels:home", (C.SIT_ON_PANEL,)),
    MenuItem("Plan audits", "audits:home", (C.RUN_AUDITS, C.AUDIT_PLANS, C.RECEIVE_AUDIT_FEEDBACK)),
    MenuItem("Plan quality", "plans:quality", (C.SEE_PLAN_QUALITY,)),
    MenuItem(
        "Children I work with",
        "people:list",
        (C.LIST_CHILDREN_WORKED_WITH,),
        {Scope.SCHOOL: "Our pupils"},
    ),
    MenuItem("Reviews", "reviews:setting", (C.SEND_REVIEW_REPORT,)),
    MenuItem("Advice requests", "advice:inbox", (C.GIVE_ADVICE,)),
    MenuItem("Assessment requests", "front_door:mine", (C.MAKE_REQUEST,)),
    MenuItem(
        "Notifications from health",
        "early_years:notifications",
        (C.ACT_ON_NOTIFICATIONS, C.NOTIFY_EARLY_YEARS),
        {Scope.OWN: "Notify the council"},
    ),
    MenuItem("SEN support", "sen_support:pupils", (C.SEE_SEN_SUPPORT,)),
    MenuItem("School census", "sen_support:census", (C.IMPORT_SCHOOL_CENSUS,)),
    MenuItem("My children", "people:my-children", (C.SEE_OWN_CHILDREN,), {Scope.SELF: "My record"}),
    MenuItem("Partnership dashboard", "partnership:dashboard", (C.SEE_PARTNERSHIP_DASHBOARD,)),
    MenuItem("Timeliness", "assessments:timeliness", (C.SEE_ASSESSMENT_TIMELINESS,)),
    MenuItem("Advice timeliness", "advice:timeliness", (C.SEE_ADVICE_TIMELINESS,)),
    MenuItem("Review timeliness", "reviews:timeliness", (C.SEE_REVIEW_TIMELINESS,)),
    MenuItem("Early years notifications", "early_years:figures", (C.SEE_EARLY_YEARS_FIGURES,)),
    MenuItem("SEN support figures", "sen_support:figures", (C.SEE_SEN_SUPPORT_FIGURES,)),
    MenuItem("Forecasts", "finance:forecasts", (C.SEE_FINANCE,)),
    MenuItem("Top-up bands", "finance:banding", (C.SEE_FINANCE,)),
    MenuItem("Spend", "finance:spend", (C.SEE_FINANCE,)),
    MenuItem("Waiting lists", "waiting_lists:overview", (C.SEE_WAITING_LISTS,)),
    MenuItem("Inclusion", "inclusion:measures", (C.SEE_INCLUSION_MEASURES,)),
    MenuItem("Surveys", "feedback:surveys", (C.ANSWER_SURVEYS, C.SEE_SURVEY_RESULTS)),
    MenuItem("Feedback log", "feedback:log", (C.SEE_FEEDBACK,)),
    MenuItem("Manage the Local Offer", "local_offer:manage", (C.MANAGE_LOCAL_OFFER,)),
    MenuItem("Listings", "local_offer:my-listings", (C.KEEP_LISTINGS,)),
    MenuItem("Online referrals", "local_offer:referrals", (C.READ_ONLINE_REFERRALS,)),
    MenuItem("Improvement plan", "improvement:inspections", (C.SEE_IMPROVEMENT_PLAN,)),
    MenuItem("My actions", "improvement:my-actions", (C.UPDATE_OWN_ACTIONS,)),
    MenuItem("Administration", "administration:home", (C.MANAGE_ACCOUNTS, C.MANAGE_ORGANISATIONS)),
    MenuItem("Retention", "records:retention", (C.MANAGE_RETENTION,)),
    MenuItem("SEN2 return", "returns:sen2", (C.PREPARE_STATUTORY_RETURNS,)),
    MenuItem("Background work", "jobs:background-work", (C.WATCH_BACKGROUND_WORK,)),
    # Provision delivery (ADR 72)
    MenuItem("Provision delivery", "delivery:to-record", (C.RECORD_DELIVERY,)),
    MenuItem("Provision not delivered", "delivery:to-follow-up", (C.FOLLOW_UP_DELIVERY,)),
    MenuItem("Provision delivered", "delivery:figures", (C.SEE_DELIVERY_FIGURES,)),
)


def _label(item: MenuItem, user) -> str:
    label = item.label_for(user)
    if item.page == "workspace:my-work":
        label += f" ({count_for(user, today=uk_today())})"
    return label


def menu_for(user) -> list[tuple[str, str]]:
    """(label, path) for each page the user may open, then their account and signing out."""
    if not user.is_authenticated:
        return []
    # Every page asks for the menu: read the signed-in user once, not through the request's lazy one.
    user = getattr(user, "_wrapped", user)
    items = [(_label(item, user), _path(item.page)) for item in MENU if allows(user, *item.opened_by)]
    return [
        *items,
        ("Your account", _path("accounts:account")),
        ("Sign out", _path("accounts:sign-out-confirm")),
    ]


def _path(page: str) -> str:
    """A menu page's path, worked out once for the URLs and the prefix the service is under."""
    return _reversed(page, get_urlconf(), get_script_prefix())


@functools.lru_cache(maxsize=128)
def _reversed(page: str, urlconf: str | None, prefix: str) -> str:
    return reverse(page, urlconf=urlconf)


def navigation(request) -> dict:
    path = request.path
    # Until the second factor is entered, the only way on is to enter it, or to sign out.
    if request.user.is_authenticated and not has_finished_signing_in(request):
        shown = [("Sign out", _path("accounts:sign-out-confirm"))]
    else:
        shown = menu_for(request.user)
    nav = [{"text": text, "href": href, "active": path == href} for text, href in shown]
    area = settings.TELLONCE_AREA_NAME
    if not area and request.user.is_authenticated and request.user.local_authority_id:
        area = request.user.local_authority.name
    return {
        "area_name": area or "Tellonce",
        "nav_items": nav,
        "footer_items": [
            {"href": _path("feedback:you-said-we-did"), "text": "You said, we did"},
            {"href": _path("core:accessibility"), "text": "Accessibility statement"},
            {"href": _path("core:privacy"), "text": "Privacy"},
        ],
    }
