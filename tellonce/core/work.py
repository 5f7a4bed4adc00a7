"""One item of a person's work, as the "My work" page lists it.

Each app that gives people work offers a `work.py` with `work_for(user, *, today) -> list[WorkItem]`
(a fixed number of queries however much work there is); the workspace's "My work" page gathers
them, sorts them by when they are due and counts them for the menu. An app never imports another
app's work list."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class WorkItem:
    kind: str  # the group it is listed under, such as "New requests" or "Advice overdue"
    what: str  # plain English: "Decide whether to assess"
    url: str  # where the work is done
    child_id: object | None = None
    child_name: str = ""
    due_on: date | None = None  # the deadline, if the work has one
    # Other children of the council the item names without being linked to them (a request's
    # likely match), for the access log.
    mentions: tuple = ()

    @property
    def sort_key(self) -> tuple:
        return (self.due_on is None, self.due_on or date.max, self.kind, self.child_name)
