"""Why a write was refused, for every app: someone else saved first, or the step would leave a
record with dates or decisions that cannot all be true. Pages turn these into a 409 page or the
form's errors; the API into a 409 or 422."""


class EditConflict(Exception):
    """Someone else saved this record after it was opened; the second save is refused."""


class InvalidStep(ValueError):
    """The step would leave the record with dates or decisions that cannot all be true. Each
    problem is a sentence for the user; `fields` names the form field a problem is about, where
    it is about one."""

    def __init__(self, problems: list[str], *, fields: dict[str, str] | None = None):
        super().__init__("; ".join(problems))
        self.problems = problems
        self.fields = fields or {}

    @classmethod
    def about(cls, fields: dict[str, str]) -> "InvalidStep":
        return cls(list(fields.values()), fields=fields)
