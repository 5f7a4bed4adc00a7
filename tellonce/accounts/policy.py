"""Who may do what: the one permission policy.

Each capability names a piece of work (read a child's record, draft a plan, see plan quality,
publish feedback...). The table gives, for each capability, the roles that have it and the scope
each has it in: which children, services or records it reaches. Everything that decides access
asks this table: the menu (`workspace.navigation`), the pages (`@requires`), the API
(`require_capability`), the `rules` predicates and the QuerySet scopes (`visible_to`,
`editable_by`...), which turn a scope into a filter for their own model. `tellonce permissions`
prints the table, and docs/permissions.md holds a copy that a test keeps true.

A role with no entry for a capability does not have it. A scope that needs an organisation the
user lacks (a SENCO with no school, a health professional whose team has no provider) grants
nothing.
"""

import functools
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from tellonce.accounts.roles import Role


class Scope(StrEnum):
    """How far a capability reaches for one user (SCOPE_MEANINGS says it in words)."""

    COUNCIL = "council"
    CASELOAD = "caseload"
    SCHOOL = "school"
    INVOLVED = "involved"
    FAMILY = "family"
    SELF = "self"
    PROVIDER = "provider"
    DIRECTORY = "directory"
    OWN = "own"
    HEALTH = "health"


SCOPE_MEANINGS = {
    Scope.COUNCIL: "every child and record of their council",
    Scope.CASELOAD: "the children on their own caseload",
    Scope.SCHOOL: "the pupils of their school or college",
    Scope.INVOLVED: "the children they or their team were asked to work with",
    Scope.FAMILY: "the children they have parental responsibility for (past compulsory school age, "
    "only if the young person agrees or lacks capacity)",
    Scope.SELF: "their own record",
    Scope.PROVIDER: "the services their organisation provides",
    Scope.DIRECTORY: "every listing in the Local Offer",
    Scope.OWN: "only what is theirs: what they wrote, answered or were given to do",
    Scope.HEALTH: "the health services of their council and the advice they give",
}


class Capability(StrEnum):
    # The child's record
    VIEW_CHILD = "view_child"
    FIND_CHILD = "find_child"
    EDIT_CHILD = "edit_child"
    WRITE_ALL_ABOUT_ME = "write_all_about_me"
    VIEW_ACCESS_LOG = "view_access_log"
    EXPORT_ACCESS_LOG = "export_access_log"
    WORK_CASELOAD = "work_caseload"
    ALLOCATE_CASES = "allocate_cases"
    LIST_CHILDREN_WORKED_WITH = "list_children_worked_with"
    SEE_OWN_CHILDREN = "see_own_children"
    SEE_AREA_TOTALS = "see_area_totals"
    # EHC needs assessments
    VIEW_ASSESSMENT = "view_assessment"
    RUN_ASSESSMENT = "run_assessment"
    SEE_ASSESSMENT_TIMELINESS = "see_assessment_timeliness"
    # Online requests for an assessment
    MAKE_REQUEST = "make_request"
    TRIAGE_REQUESTS = "triage_requests"
    # Decision panels
    RUN_PANELS = "run_panels"
    SIT_ON_PANEL = "sit_on_panel"
    TAKE_TO_PANEL = "take_to_panel"
    # Advice
    VIEW_ADVICE = "view_advice"
    GIVE_ADVICE = "give_advice"
    DECIDE_ADVICE = "decide_advice"
    SEE_ADVICE_TIMELINESS = "see_advice_timeliness"
    SEE_LATE_ADVICE = "see_late_advice"
    # EHC plans
    VIEW_PLAN = "view_plan"
    EDIT_PLAN = "edit_plan"
    COMMENT_ON_PLAN = "comment_on_plan"
    READ_PLAN_COMMENTS = "read_plan_comments"
    SEE_PLAN_QUALITY = "see_plan_quality"
    SET_PLAN_CHECKS = "set_plan_checks"
    # Annual reviews, ceasing and moves
    VIEW_REVIEW = "view_review"
    RUN_REVIEW = "run_review"
    SEND_REVIEW_REPORT = "send_review_report"
    SEE_REVIEW_SCHEDULE = "see_review_schedule"
    SEE_REVIEW_TIMELINESS = "see_review_timeliness"
    SEE_PLANS_NEEDING_ACTION = "see_plans_needing_action"
    SEE_ADULTHOOD = "see_adulthood"
    # Mediation and appeals to the SEND Tribunal
    SEE_APPEALS = "see_appeals"
    RECORD_APPEALS = "record_appeals"
    SEE_OPEN_APPEALS = "see_open_appeals"
    # High needs
    SEE_FINANCE = "see_finance"
    RUN_FINANCE = "run_finance"
    DECIDE_TOP_UP = "decide_top_up"
    # Health waiting lists
    SEE_WAITING_LISTS = "see_waiting_lists"
    VIEW_REFERRAL = "view_referral"
    OVERSEE_LONG_WAITS = "oversee_long_waits"
    MANAGE_WAITING_LIST = "manage_waiting_list"
    # Family voice
    ANSWER_SURVEYS = "answer_surveys"
    SEE_SURVEY_RESULTS = "see_survey_results"
    SEE_FEEDBACK = "see_feedback"
    MANAGE_FEEDBACK = "manage_feedback"
    PUBLISH_FEEDBACK = "publish_feedback"
    # The Local Offer
    MANAGE_LOCAL_OFFER = "manage_local_offer"
    KEEP_LISTINGS = "keep_listings"
    READ_ONLINE_REFERRALS = "read_online_referrals"
    # Inspection findings and the improvement plan
    SEE_IMPROVEMENT_PLAN = "see_improvement_plan"
    MANAGE_IMPROVEMENT_PLAN = "manage_improvement_plan"
    UPDATE_OWN_ACTIONS = "update_own_actions"
    # The partnership dashboard and the published figures it compares with
    SEE_PARTNERSHIP_DASHBOARD = "see_partnership_dashboard"
    SEE_CHILDREN_BEHIND_FIGURES = "see_children_behind_figures"
    SET_PARTNERSHIP_TARGETS = "set_partnership_targets"
    # Administration
    MANAGE_ACCOUNTS = "manage_accounts"
    MANAGE_ORGANISATIONS = "manage_organisations"
    # Records management
    EXPORT_RECORD = "export_record"
    MANAGE_RETENTION = "manage_retention"
    # Statutory returns
    PREPARE_STATUTORY_RETURNS = "prepare_statutory_returns"
    # Background work (jobs app)
    WATCH_BACKGROUND_WORK = "watch_background_work"
    # Notifications from health (early_years) and SEN support in schools (sen_support), ADR 74
    NOTIFY_EARLY_YEARS = "notify_early_years"
    ACT_ON_NOTIFICATIONS = "act_on_notifications"
    SEE_EARLY_YEARS_FIGURES = "see_early_years_figures"
    SEE_SEN_SUPPORT = "see_sen_support"
    RECORD_SEN_SUPPORT = "record_sen_support"
    IMPORT_SCHOOL_CENSUS = "import_school_census"
    SEE_SEN_SUPPORT_FIGURES = "see_sen_support_figures"
    # Inclusion measures: attendance, exclusions, part-time timetables, AP (inclusion app, ADR 75)
    SEE_INCLUSION_MEASURES = "see_inclusion_measures"
    SEE_INCLUSION_CHILDREN = "see_inclusion_children"
    ACT_ON_INCLUSION = "act_on_inclusion"
    IMPORT_INCLUSION_EXTRACTS = "import_inclusion_extracts"
    # Graded plan audits (audits app, ADR 73)
    RUN_AUDITS = "run_audits"
    AUDIT_PLANS = "audit_plans"
    RECEIVE_AUDIT_FEEDBACK = "receive_audit_feedback"
    SEE_AUDIT_REPORTS = "see_audit_reports"
    # Provision delivery (delivery app, ADR 72)
    RECORD_DELIVERY = "record_delivery"
    REPORT_MISSED_PROVISION = "report_missed_provision"
    FOLLOW_UP_DELIVERY = "follow_up_delivery"
    SEE_DELIVERY_FIGURES = "see_delivery_figures"
    SET_HALF_TERM_DATES = "set_half_term_dates"


R = Role
S = Scope
COUNCIL_STAFF = (R.EHC_COORDINATOR, R.SEND_MANAGER, R.QUALITY_LEAD, R.ANALYST, R.ADMINISTRATOR)
# Health and care professionals other than the designated clinical officer, who oversees
# health's part across the council.
PRACTITIONERS = (
    R.THERAPIST,
    R.PAEDIATRICIAN,
    R.CAMHS_PRACTITIONER,
    R.EDUCATIONAL_PSYCHOLOGIST,
    R.SOCIAL_WORKER,
    R.DESIGNATED_SOCIAL_CARE_OFFICER,
)
PROFESSIONALS = (R.DESIGNATED_CLINICAL_OFFICER, *PRACTITIONERS)


def _all(roles: tuple[Role, ...], scope: Scope) -> dict[Role, Scope]:
    return dict.fromkeys(roles, scope)


# Caseworkers change records: a coordinator those on their own caseload, a manager the council's.
CASEWORK = {R.EHC_COORDINATOR: S.CASELOAD, R.SEND_MANAGER: S.COUNCIL}
# Whoever may see the child: the council, the school, the professionals asked, the family.
SEES_THE_CHILD = (
    _all(COUNCIL_STAFF, S.COUNCIL)
    | {R.SENCO: S.SCHOOL}
    | _all(PROFESSIONALS, S.INVOLVED)
    | {R.PARENT: S.FAMILY, R.YOUNG_PERSON: S.SELF}
)
COUNCIL = _all(COUNCIL_STAFF, S.COUNCIL)
COUNCIL_AND_BOARD = COUNCIL | {R.BOARD_MEMBER: S.COUNCIL}
# The designated clinical officer oversees health's part in plans across the council.
PERFORMANCE = COUNCIL_AND_BOARD | {R.DESIGNATED_CLINICAL_OFFICER: S.COUNCIL}
FAMILY = {R.PARENT: S.FAMILY, R.YOUNG_PERSON: S.SELF}
HEALTH_OVERSIGHT = {R.DESIGNATED_CLINICAL_OFFICER: S.HEALTH}
FEEDBACK_HANDLERS = (R.EHC_COORDINATOR, R.SEND_MANAGER, R.QUALITY_LEAD)
RECORDS_OFFICERS = {R.ADMINISTRATOR: S.COUNCIL, R.SEND_MANAGER: S.COUNCIL}

POLICY: Mapping[Capability, Mapping[Role, Scope]] = {
    Capability.VIEW_CHILD: SEES_THE_CHILD,
    Capability.FIND_CHILD: COUNCIL,
    Capability.EDIT_CHILD: CASEWORK,
    Capability.WRITE_ALL_ABOUT_ME: CASEWORK | {R.SENCO: S.SCHOOL} | FAMILY,
    Capability.VIEW_ACCESS_LOG: {R.ADMINISTRATOR: S.COUNCIL},
    # The child's log as a file to hand to the family who ask for it (UK GDPR art. 15).
    Capability.EXPORT_ACCESS_LOG: CASEWORK | {R.ADMINISTRATOR: S.COUNCIL},
    Capability.WORK_CASELOAD: CASEWORK,
    # The team manager's queue: children with open work and no coordinator.
    Capability.ALLOCATE_CASES: {R.SEND_MANAGER: S.COUNCIL},
    Capability.LIST_CHILDREN_WORKED_WITH: {R.SENCO: S.SCHOOL} | _all(PROFESSIONALS, S.INVOLVED),
    Capability.SEE_OWN_CHILDREN: FAMILY,
    Capability.SEE_AREA_TOTALS: {R.BOARD_MEMBER: S.COUNCIL},
    Capability.VIEW_ASSESSMENT: SEES_THE_CHILD,
    Capability.RUN_ASSESSMENT: CASEWORK,
    Capability.SEE_ASSESSMENT_TIMELINESS: PERFORMANCE,
    # Those the law lets ask (CFA s36(1), reg. 3): the family and the young person, and the school
    # or a professional who knows the child; each sees their own requests, the family also those
    # made about their child (front_door, ADR 57).
    Capability.MAKE_REQUEST: FAMILY | {R.SENCO: S.OWN} | _all(PROFESSIONALS, S.OWN),
    Capability.TRIAGE_REQUESTS: _all((R.EHC_COORDINATOR, R.SEND_MANAGER), S.COUNCIL),
    # The manager keeps the council's panels, their members and meetings; coordinators and the
    # designated officers who sit on panels read the agendas, papers and decisions; caseworkers put
    # their cases, record who came and each decision, and send the letter.
    Capability.RUN_PANELS: {R.SEND_MANAGER: S.COUNCIL},
    Capability.SIT_ON_PANEL: _all(
        (
            R.EHC_COORDINATOR,
            R.SEND_MANAGER,
            R.QUALITY_LEAD,
            R.DESIGNATED_CLINICAL_OFFICER,
            R.DESIGNATED_SOCIAL_CARE_OFFICER,
        ),
        S.COUNCIL,
    ),
    Capability.TAKE_TO_PANEL: CASEWORK,
    # Professionals see what was asked of them; the family sees advice once it is accepted.
    Capability.VIEW_ADVICE: SEES_THE_CHILD,
    Capability.GIVE_ADVICE: {R.SENCO: S.SCHOOL} | _all(PROFESSIONALS, S.INVOLVED),
    Capability.DECIDE_ADVICE: CASEWORK,
    # The designated clinical officer follows health's advice; the board sees totals, no child.
    Capability.SEE_ADVICE_TIMELINESS: COUNCIL_AND_BOARD | {R.DESIGNATED_CLINICAL_OFFICER: S.HEALTH},
    Capability.SEE_LATE_ADVICE: COUNCIL | {R.DESIGNATED_CLINICAL_OFFICER: S.HEALTH},
    # Outside the council, a plan is seen once a version has been sent or issued.
    Capability.VIEW_PLAN: SEES_THE_CHILD,
    Capability.EDIT_PLAN: CASEWORK,
    Capability.COMMENT_ON_PLAN: FAMILY,
    # The family's comments are between the family and the council.
    Capability.READ_PLAN_COMMENTS: COUNCIL | FAMILY,
    Capability.SEE_PLAN_QUALITY: PERFORMANCE,
    Capability.SET_PLAN_CHECKS: {R.SEND_MANAGER: S.COUNCIL, R.QUALITY_LEAD: S.COUNCIL},
    Capability.VIEW_REVIEW: SEES_THE_CHILD,
    Capability.RUN_REVIEW: CASEWORK,
    Capability.SEND_REVIEW_REPORT: {R.SENCO: S.SCHOOL},
    # A coordinator's schedule is their own plans; everyone else at the council sees the whole.
    Capability.SEE_REVIEW_SCHEDULE: COUNCIL | {R.EHC_COORDINATOR: S.CASELOAD},
    Capability.SEE_REVIEW_TIMELINESS: PERFORMANCE,
    Capability.SEE_PLANS_NEEDING_ACTION: COUNCIL,
    Capability.SEE_ADULTHOOD: COUNCIL | {R.DESIGNATED_SOCIAL_CARE_OFFICER: S.INVOLVED},
    # Mediation and appeals are between the family and the council's casework team.
    Capability.SEE_APPEALS: _all((R.EHC_COORDINATOR, R.SEND_MANAGER, R.QUALITY_LEAD), S.COUNCIL) | FAMILY,
    Capability.RECORD_APPEALS: CASEWORK,
    Capability.SEE_OPEN_APPEALS: CASEWORK,
    Capability.SEE_FINANCE: {
        R.ANALYST: S.COUNCIL,
        R.SEND_MANAGER: S.COUNCIL,
        R.QUALITY_LEAD: S.COUNCIL,
        R.BOARD_MEMBER: S.COUNCIL,
    },
    Capability.RUN_FINANCE: {R.ANALYST: S.COUNCIL, R.SEND_MANAGER: S.COUNCIL},
    Capability.DECIDE_TOP_UP: CASEWORK,
    # Council staff and the board see the waits of their council's children; the designated
    # clinical officer every health service's whole list; a practitioner their provider's lists.
    Capability.SEE_WAITING_LISTS: COUNCIL_AND_BOARD | HEALTH_OVERSIGHT | _all(PRACTITIONERS, S.PROVIDER),
    Capability.OVERSEE_LONG_WAITS: COUNCIL | HEALTH_OVERSIGHT | _all(PRACTITIONERS, S.PROVIDER),
    Capability.VIEW_REFERRAL: COUNCIL | HEALTH_OVERSIGHT | _all(PRACTITIONERS, S.PROVIDER) | FAMILY,
    Capability.MANAGE_WAITING_LIST: HEALTH_OVERSIGHT | _all(PRACTITIONERS, S.PROVIDER),
    Capability.ANSWER_SURVEYS: FAMILY,
    Capability.SEE_SURVEY_RESULTS: COUNCIL_AND_BOARD,
    Capability.SEE_FEEDBACK: COUNCIL,
    # The analyst reads feedback for reports and the administrator runs the system: neither
    # answers families or publishes for the council.
    Capability.MANAGE_FEEDBACK: _all(FEEDBACK_HANDLERS, S.COUNCIL),
    Capability.PUBLISH_FEEDBACK: _all(FEEDBACK_HANDLERS, S.COUNCIL),
    Capability.MANAGE_LOCAL_OFFER: {R.LOCAL_OFFER_MANAGER: S.DIRECTORY},
    Capability.KEEP_LISTINGS: {R.LOCAL_OFFER_MANAGER: S.DIRECTORY, R.PROVIDER: S.PROVIDER},
    Capability.READ_ONLINE_REFERRALS: {R.LOCAL_OFFER_MANAGER: S.DIRECTORY, R.PROVIDER: S.PROVIDER},
    Capability.SEE_IMPROVEMENT_PLAN: COUNCIL_AND_BOARD,
    # The board and council staff see every measure; the designated clinical and social care
    # officers, health's and social care's (the dashboard picks them by role). Figures only.
    Capability.SEE_PARTNERSHIP_DASHBOARD: COUNCIL_AND_BOARD
    | {R.DESIGNATED_CLINICAL_OFFICER: S.HEALTH, R.DESIGNATED_SOCIAL_CARE_OFFICER: S.HEALTH},
    # Staff who act on a figure open the children behind it; the board never does.
    Capability.SEE_CHILDREN_BEHIND_FIGURES: _all((R.SEND_MANAGER, R.QUALITY_LEAD, R.ANALYST), S.COUNCIL)
    | {R.EHC_COORDINATOR: S.CASELOAD},
    # The council's targets for each measure and its statistical neighbours.
    Capability.SET_PARTNERSHIP_TARGETS: _all((R.SEND_MANAGER, R.ANALYST), S.COUNCIL),
    Capability.MANAGE_IMPROVEMENT_PLAN: {R.SEND_MANAGER: S.COUNCIL, R.QUALITY_LEAD: S.COUNCIL},
    # Anyone but a family or a school may own an action in the improvement plan.
    Capability.UPDATE_OWN_ACTIONS: _all(
        (*COUNCIL_STAFF, *PROFESSIONALS, R.BOARD_MEMBER, R.LOCAL_OFFER_MANAGER, R.PROVIDER), S.OWN
    ),
    # Invite, change and deactivate accounts, unlock them, reset their second factor, move a
    # coordinator's caseload (User.manageable_by says whose).
    Capability.MANAGE_ACCOUNTS: {R.ADMINISTRATOR: S.COUNCIL},
    # The council's details, its teams, localities, health providers, schools and settings.
    Capability.MANAGE_ORGANISATIONS: {R.ADMINISTRATOR: S.COUNCIL},
    # Answer a subject access request with everything held about a child; keep the retention
    # schedule: legal holds, the report of what is due and disposal.
    Capability.EXPORT_RECORD: RECORDS_OFFICERS,
    Capability.MANAGE_RETENTION: RECORDS_OFFICERS,
    # Check and download the SEN2 return of the council's children (docs/sen2-return.md).
    Capability.PREPARE_STATUTORY_RETURNS: {R.SEND_MANAGER: S.COUNCIL, R.ANALYST: S.COUNCIL},
    # See the worker, the scheduled runs and the tasks that failed every try, and retry them. The
    # worker serves the whole installation; its pages name tasks and errors, never whom they concern.
    Capability.WATCH_BACKGROUND_WORK: {R.ADMINISTRATOR: S.COUNCIL},
    # Notifications from health and SEN support (ADR 74). A health professional tells the council of
    # a young child who probably has SEND (CFA 2014 s23) and sees their own notifications; the
    # council's early-years team (its coordinators and manager) acknowledges and acts on them; the
    # board and performance staff see the figures, never a child.
    Capability.NOTIFY_EARLY_YEARS: _all((R.HEALTH_VISITOR, R.THERAPIST, R.PAEDIATRICIAN), S.OWN),
    Capability.ACT_ON_NOTIFICATIONS: _all((R.EHC_COORDINATOR, R.SEND_MANAGER), S.COUNCIL),
    Capability.SEE_EARLY_YEARS_FIGURES: PERFORMANCE,
    # A SENCO sees and records the SEN support of their own pupils; the council's staff see every
    # school's; the council's analyst and manager import each school's census extract.
    Capability.SEE_SEN_SUPPORT: COUNCIL | {R.SENCO: S.SCHOOL},
    Capability.RECORD_SEN_SUPPORT: {R.SENCO: S.SCHOOL},
    Capability.IMPORT_SCHOOL_CENSUS: _all((R.ANALYST, R.SEND_MANAGER), S.COUNCIL),
    Capability.SEE_SEN_SUPPORT_FIGURES: COUNCIL_AND_BOARD,
    # Inclusion measures (ADR 75): the board reads the figures only; a SENCO their school's figures
    # and their own pupils; the SEND team the children with a plan to act on, a coordinator those on
    # their caseload; the manager and the analyst import the council's termly extracts.
    Capability.SEE_INCLUSION_MEASURES: COUNCIL_AND_BOARD | {R.SENCO: S.SCHOOL},
    Capability.SEE_INCLUSION_CHILDREN: _all((R.SEND_MANAGER, R.QUALITY_LEAD), S.COUNCIL)
    | {R.EHC_COORDINATOR: S.CASELOAD, R.SENCO: S.SCHOOL},
    Capability.ACT_ON_INCLUSION: CASEWORK,
    Capability.IMPORT_INCLUSION_EXTRACTS: _all((R.SEND_MANAGER, R.ANALYST), S.COUNCIL),
    # Graded plan audits (ADR 73): the quality lead and manager keep the tool, draw the rounds, agree
    # moderated grades and send feedback; each agency's auditors grade only what they were given;
    # a coordinator reads the feedback on their own plans; the DCO sees health's part of the reports.
    Capability.RUN_AUDITS: {R.QUALITY_LEAD: S.COUNCIL, R.SEND_MANAGER: S.COUNCIL},
    Capability.AUDIT_PLANS: _all(
        (
            R.QUALITY_LEAD,
            R.SEND_MANAGER,
            R.EHC_COORDINATOR,
            R.EDUCATIONAL_PSYCHOLOGIST,
            R.DESIGNATED_CLINICAL_OFFICER,
            R.THERAPIST,
            R.PAEDIATRICIAN,
            R.DESIGNATED_SOCIAL_CARE_OFFICER,
            R.SOCIAL_WORKER,
        ),
        S.OWN,
    ),
    Capability.RECEIVE_AUDIT_FEEDBACK: {R.EHC_COORDINATOR: S.OWN},
    Capability.SEE_AUDIT_REPORTS: COUNCIL_AND_BOARD | {R.DESIGNATED_CLINICAL_OFFICER: S.HEALTH},
    # Provision delivery (ADR 72): the school records what it delivers to its own pupils, a health
    # or care practitioner what their provider delivers; the family reports provision not received;
    # caseworkers follow up what was missed; the board, council staff and the designated clinical
    # officer (health's sections only) see the figures.
    Capability.RECORD_DELIVERY: {R.SENCO: S.SCHOOL} | _all(PRACTITIONERS, S.PROVIDER),
    Capability.REPORT_MISSED_PROVISION: FAMILY,
    Capability.FOLLOW_UP_DELIVERY: CASEWORK,
    Capability.SEE_DELIVERY_FIGURES: COUNCIL_AND_BOARD | HEALTH_OVERSIGHT,
    # The council's own half-term dates, against which delivery is counted: the SEND manager's.
    Capability.SET_HALF_TERM_DATES: {R.SEND_MANAGER: S.COUNCIL},
}


def _role(user: Any) -> Role | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    try:
        return Role(user.role)
    except ValueError:
        return None


def _has_organisation_for(user: Any, scope: Scope) -> bool:
    if scope in (S.COUNCIL, S.CASELOAD, S.HEALTH):
        return user.local_authority_id is not None
    if scope == S.SCHOOL:
        return user.setting_id is not None
    if scope == S.PROVIDER and user.role == R.PROVIDER:
        return True  # a Local Offer provider's organisations are its listings' providers
    if scope == S.PROVIDER:
        return user.team_id is not None and user.team.provider_id is not None
    return True


def scope(user: Any, capability: Capability) -> Scope | None:
    """How far `capability` reaches for this user, or None when they do not have it."""
    role = _role(user)
    if role is None:
        return None
    found = POLICY[capability].get(role)
    if found is None or not _has_organisation_for(user, found):
        return None
    return found


def allows(user: Any, *capabilities: Capability) -> bool:
    """Whether the user has any of these capabilities (in some scope)."""
    return any(scope(user, capability) is not None for capability in capabilities)


def roles_with(capability: Capability) -> frozenset[Role]:
    return frozenset(POLICY[capability])


def _relationship(user: Any, capabilities: tuple[Capability, ...]) -> str:
    """The scope of the first of these capabilities the user has: why the access log says they may."""
    return next((str(found) for c in capabilities if (found := scope(user, c)) is not None), "")


def requires(*capabilities: Capability) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A page for users with any of these capabilities: signed out, the sign-in page; signed in
    without one, 403 before anything is read. The object itself is then reached through its
    QuerySet scope, which answers 404 outside it."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def checked(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not allows(request.user, *capabilities):
                raise PermissionDenied
            request.access_relationship = _relationship(request.user, capabilities)
            return view(request, *args, **kwargs)

        guarded = login_required(checked)
        guarded.capabilities = capabilities  # type: ignore[attr-defined]
        return guarded

    return decorate


def api_requires(*capabilities: Capability) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """An API operation for callers with any of these capabilities (none named: anyone signed in).
    The API's authentication answers 401 first; without a capability, 403."""

    def decorate(operation: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(operation)
        def checked(request: Any, *args: Any, **kwargs: Any) -> Any:
            if capabilities and not allows(request.auth, *capabilities):
                raise PermissionDenied
            request.access_relationship = _relationship(request.auth, capabilities)
            return operation(request, *args, **kwargs)

        checked.capabilities = capabilities  # type: ignore[attr-defined]
        return checked

    return decorate


def as_markdown() -> str:
    """The table as a Markdown matrix: a row per capability, a column per role, the scope in each
    cell (docs/permissions.md holds a copy; `tellonce permissions` prints it)."""
    roles = list(Role)
    lines = [
        "| Capability | " + " | ".join(role.label for role in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for capability in Capability:
        cells = [POLICY[capability].get(role, "") for role in roles]
        lines.append(f"| `{capability.value}` | " + " | ".join(cells) + " |")
    lines += ["", "| Scope | Reaches |", "|---|---|"]
    lines += [f"| {reach.value} | {meaning} |" for reach, meaning in SCOPE_MEANINGS.items()]
    return "\n".join(lines) + "\n"


def require_capability(user: Any, *capabilities: Capability) -> None:
    """For the API and services: refuse with PermissionDenied unless the user has one of these."""
    if not allows(user, *capabilities):
        raise PermissionDenied
