"""What happens to a child's record that apps above people may need to follow, as signals: for
side effects the sender need not know of, never for rules or the audit (docs/architecture.md)."""

from django.dispatch import Signal

# Sent by records.services.anonymise_child inside its transaction, with `child`: an app that keeps
# its own copy of what the record said (the SEN2 return's kept findings, ADR 101) deletes it.
child_anonymised = Signal()
