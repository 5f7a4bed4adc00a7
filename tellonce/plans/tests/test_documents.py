"""The plan as a tagged PDF and a Word file: the same content as the family's page, every section."""

import io
import re
from collections import Counter
from html.parser import HTMLParser

import pytest
import time_machine
from docx import Document as WordDocument
from pypdf import PdfReader

from tellonce.domain.plan_content import SECTION_TITLES, Section
from tellonce.plans.tests.builders import TODAY, plan_in_force

SKIPPED = {"aside"}
SKIPPED_CLASSES = ("plan-edit", "govuk-summary-card__actions", "govuk-visually-hidden")


class ArticleText(HTMLParser):
    """The words a reader sees in the page's <article>, leaving out the asides and edit links."""

    def __init__(self):
        super().__init__()
        self.depth, self.skip_depth, self.words = 0, None, []
        self.inside = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.inside = True
        if not self.inside or tag in ("br", "input", "meta", "img"):
            return
        self.depth += 1
        classes = attrs.get("class") or ""
        if self.skip_depth is None and (tag in SKIPPED or any(c in classes for c in SKIPPED_CLASSES)):
            self.skip_depth = self.depth

    def handle_endtag(self, tag):
        if not self.inside or tag in ("br", "input", "meta", "img"):
            return
        if tag == "article":
            self.inside = False
        if self.skip_depth == self.depth:
            self.skip_depth = None
        self.depth -= 1

    def handle_data(self, data):
        if self.inside and self.skip_depth is None:
            self.words.extend(data.split())


def words_of_page(html: str) -> Counter:
    parser = ArticleText()
    parser.feed(html)
    return Counter(parser.words)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def issued(area):
    return plan_in_force(area)


def test_the_pdf_is_tagged_with_its_language_and_title(client, area, issued):
    client.force_login(area.users["parent"])
    response = client.get(f"/plans/{issued.pk}/versions/2/plan.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert str(root["/Lang"]) == "en-GB"
    assert reader.metadata.title.startswith("Education, health and care plan: final plan")


def test_the_pdf_says_exactly_what_the_familys_page_says(client, area, issued):
    client.force_login(area.users["parent"])
    page = words_of_page(client.get(f"/plans/{issued.pk}/versions/2/").content.decode())
    reader = PdfReader(io.BytesIO(client.get(f"/plans/{issued.pk}/versions/2/plan.pdf").content))
    text = "\n".join(p.extract_text() for p in reader.pages)
    text = re.sub(r"\S+ \S+, page \d+ of \d+", " ", text)  # the footer on every page
    pdf = Counter(text.split())
    assert pdf == page
    flowing = " ".join(text.split())
    assert "Name Hill Academy" in flowing and "The last day to appeal is" in flowing


def test_the_word_file_opens_and_holds_every_section(client, area, issued):
    client.force_login(area.users["parent"])
    response = client.get(f"/plans/{issued.pk}/versions/2/plan.docx")
    assert response["Content-Disposition"].endswith('.docx"')
    word = WordDocument(io.BytesIO(response.content))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    for section in Section:
        assert f"Section {section.value}: {SECTION_TITLES[section]}" in headings
    cells = " ".join(cell.text for table in word.tables for row in table.rows for cell in row.cells)
    body = " ".join(p.text for p in word.paragraphs) + " " + cells
    page = words_of_page(client.get(f"/plans/{issued.pk}/versions/2/").content.decode())
    assert Counter(body.split()) == page
    assert word.core_properties.language == "en-GB"
