"""The daily overdue digest: each coordinator and manager with overdue work in My work is told how
much, by e-mail, at 07:30. The e-mail names no child: it gives the count and says where to look."""

from datetime import date

from django.core.mail import send_mail

from tellonce.accounts.models import User
from tellonce.accounts.roles import Role
from tellonce.jobs.schedule import Counts, every_day
from tellonce.workspace.work import work_for

DIGEST_ROLES = (Role.EHC_COORDINATOR, Role.SEND_MANAGER)


def overdue_digest(user: User, *, today: date) -> str:
    """The e-mail's text, or "" when nothing of theirs is overdue."""
    overdue = [
        item for item in work_for(user, today=today) if item.due_on is not None and item.due_on < today
    ]
    if not overdue:
        return ""
    kinds: dict[str, int] = {}
    for item in overdue:
        kinds[item.kind] = kinds.get(item.kind, 0) + 1
    lines = "\n".join(f"- {kind}: {count}" for kind, count in sorted(kinds.items()))
    things = "thing is" if len(overdue) == 1 else "things are"
    return (
        f"{len(overdue)} {things} overdue in your work on {today:%-d %B %Y}:\n\n{lines}\n\n"
        "Sign in to Tellonce and open My work to see them.\n\nDo not reply to this email."
    )


@every_day(
    "send-overdue-digest",
    at="07:30",
    description="E-mails each EHC coordinator and SEND manager how much of their work is overdue, naming no child",
)
def send_overdue_digest(day: date) -> Counts:
    sent = 0
    people = User.objects.filter(is_active=True, role__in=DIGEST_ROLES).exclude(email="").order_by("pk")
    for user in people.iterator(chunk_size=200):
        text = overdue_digest(user, today=day)
        if text:
            send_mail("Overdue work in Tellonce", text, None, [user.email], using="default")
            sent += 1
    return {"sent": sent}
