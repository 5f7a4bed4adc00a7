"""One item of a person's work, as the "My work" page lists it.

Each app that gives people work offers a `work.py` with `work_for(user, *, today) -> list[WorkItem]`
(a fixed number of queries however much work there is); the workspace's "My work" page gathers
them, sorts them by when they are due and counts them for the menu. An app never imports another
app's work list.

An app whose work can be long may also offer `first_for(user, *, today, shown) -> WorkList`: the
`shown` items of each kind due soonest and how many there are of each kind (and how many overdue),
read in SQL so the page's time follows the rows it shows; `work_for` stays the whole list, and a
test holds the two together. `WorkList.of` makes the same from a whole list, for the apps that
offer no `first_for`."""

from dataclasses import dataclass, field
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


@dataclass(frozen=True, slots=True)
class Tally:
    """How many items of one kind there are, and how many of them are overdue."""

    total: int
    overdue: int = 0


@dataclass(frozen=True, slots=True)
class WorkList:
    """The first items of each kind (due soonest) and every kind's tally."""

    items: list[WorkItem] = field(default_factory=list)
    tallies: dict[str, Tally] = field(default_factory=dict)

    @classmethod
    def of(cls, items: list[WorkItem], *, today: date, shown: int) -> "WorkList":
        """The first `shown` of each kind of a whole list, soonest first, and the tallies."""
        groups: dict[str, list[WorkItem]] = {}
        for item in sorted(items, key=lambda item: item.sort_key):
            groups.setdefault(item.kind, []).append(item)
        return cls(
            [item for rows in groups.values() for item in rows[:shown]],
            {
                kind: Tally(len(rows), sum(1 for r in rows if r.due_on is not None and r.due_on < today))
                for kind, rows in groups.items()
            },
        )

    def __add__(self, other: "WorkList") -> "WorkList":
        tallies = dict(self.tallies)
        for kind, tally in other.tallies.items():
            had = tallies.get(kind, Tally(0))
            tallies[kind] = Tally(had.total + tally.total, had.overdue + tally.overdue)
        return WorkList(self.items + other.items, tallies)

    @property
    def total(self) -> int:
        return sum(t.total for t in self.tallies.values())

    @property
    def overdue(self) -> int:
        return sum(t.overdue for t in self.tallies.values())
