"""Every Local Offer starts with the content areas the law requires, the Code of Practice's broad
areas of need, and a thesaurus of the acronyms and everyday words used across England. A council
edits all three afterwards; this runs once."""

import json
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

DATA = Path(__file__).resolve().parents[1] / "data"


def load(apps, schema_editor):
    load_vocabularies(apps, schema_editor)
    Entry = apps.get_model("local_offer", "ThesaurusEntry")
    for entry in json.loads((DATA / "thesaurus.json").read_text()):
        Entry.objects.create(preferred=entry["preferred"], other_words="\n".join(entry["other_words"]))


def load_vocabularies(apps, schema_editor):
    """The categories and needs, which every council shares (the thesaurus is each council's own)."""
    Taxonomy = apps.get_model("local_offer", "Taxonomy")
    Term = apps.get_model("local_offer", "TaxonomyTerm")
    vocabularies = json.loads((DATA / "categories.json").read_text())
    for code, vocabulary in vocabularies.items():
        taxonomy = Taxonomy.objects.create(code=code, name=vocabulary["name"], description=vocabulary["description"])
        for order, (term_code, name, description, children) in enumerate(vocabulary["terms"]):
            top = Term.objects.create(taxonomy=taxonomy, code=term_code, name=name, description=description, order=order)
            for n, child in enumerate(children):
                Term.objects.create(
                    taxonomy=taxonomy, code=f"{term_code}-{slugify(child)}"[:80], name=child, description=child,
                    parent=top, order=n,
                )


def unload(apps, schema_editor):
    apps.get_model("local_offer", "ThesaurusEntry").objects.all().delete()
    apps.get_model("local_offer", "TaxonomyTerm").objects.filter(parent__isnull=False).delete()
    apps.get_model("local_offer", "TaxonomyTerm").objects.all().delete()
    apps.get_model("local_offer", "Taxonomy").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("local_offer", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
