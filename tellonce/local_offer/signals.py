"""Every council's Local Offer starts with the thesaurus of acronyms and everyday words used across
England (data/thesaurus.json), which the council then edits as its own."""

import json
from pathlib import Path

from django.db.models.signals import post_save
from django.dispatch import receiver

from tellonce.local_offer.models import ThesaurusEntry
from tellonce.organisations.models import LocalAuthority

THESAURUS = Path(__file__).resolve().parent / "data" / "thesaurus.json"


@receiver(post_save, sender=LocalAuthority, dispatch_uid="local_offer.start_thesaurus")
def start_thesaurus(sender, instance: LocalAuthority, created: bool, raw: bool = False, **kwargs) -> None:
    if not created or raw or ThesaurusEntry.objects.of_council(instance.pk).exists():
        return
    ThesaurusEntry.objects.bulk_create(
        ThesaurusEntry(
            local_authority=instance,
            preferred=entry["preferred"],
            other_words="\n".join(entry["other_words"]),
        )
        for entry in json.loads(THESAURUS.read_text())
    )
