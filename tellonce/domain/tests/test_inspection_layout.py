"""The structure rules of a report's pages (domain/inspection/layout.py), on synthetic pages of
glyphs: each test typesets a few lines by hand, with the positions a PDF would give them."""

from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.inspection import parse_report
from tellonce.domain.inspection.layout import Glyph, Page, Rule, read_pages, words
from tellonce.domain.inspection.scoring import comparable, score

WIDTH, HEIGHT, LEFT, RIGHT = 595.0, 842.0, 60.0, 530.0
PITCH = 14.5
CHAR = 6.0  # every glyph is 6 points wide: a line of 78 characters reaches the right margin


def line(
    text: str, top: float, *, x: float = LEFT, size: float = 12.0, bold: bool = False
) -> tuple[Glyph, ...]:
    return tuple(
        Glyph(ch, x + i * CHAR, x + (i + 1) * CHAR, top, top + size, size, bold) for i, ch in enumerate(text)
    )


def wrap(text: str, width: int = 78) -> list[str]:
    out: list[str] = []
    for word in text.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    return out


class Typesetter:
    """Pages of lines: paragraphs wrapped at the margin, a little space between paragraphs, a running
    header and a page number on every page, and a new page when the text area is full."""

    def __init__(self) -> None:
        self.pages: list[list[tuple[Glyph, ...]]] = []
        self.rules: list[list[Rule]] = []
        self.new_page()

    def new_page(self) -> None:
        n = len(self.pages) + 1
        self.pages.append([line("Area SEND inspection report: Testshire", 30.0), line(f"{n}", 800.0, x=290)])
        self.rules.append([])
        self.top = 90.0

    def room(self, lines: int = 1) -> None:
        if self.top + lines * PITCH > 760:
            self.new_page()

    def heading(self, text: str, size: float = 16.0) -> None:
        self.room(2)
        self.pages[-1].append(line(text, self.top, size=size, bold=True))
        self.top += size * 1.5 + 8

    def paragraph(self, text: str, *, x: float = LEFT, bullet: str = "") -> None:
        width = int((RIGHT - x) / CHAR) - (2 if bullet else 0)
        for i, part in enumerate(wrap(text, width)):
            self.room()
            if bullet and i == 0:
                self.pages[-1].append(line(f"{bullet} {part}", self.top, x=x))
            else:
                self.pages[-1].append(line(part, self.top, x=x + (2 * CHAR if bullet else 0)))
            self.top += PITCH
        self.top += 0.5  # paragraphs only half a point apart, as in many published reports

    def row(self, left: str, right: str) -> None:
        """A two-column table row between ruling lines at LEFT, 220 and RIGHT."""
        lefts, rights = wrap(left, 25), wrap(right, 50)
        self.room(max(len(lefts), len(rights)))
        start = self.top
        for i in range(max(len(lefts), len(rights))):
            self.room()
            glyphs = line(lefts[i], self.top, x=LEFT + 4) if i < len(lefts) else ()
            glyphs += line(rights[i], self.top, x=224) if i < len(rights) else ()
            self.pages[-1].append(glyphs)
            self.top += PITCH
        for x in (LEFT, 220.0, RIGHT):
            self.rules[-1].append(Rule(x, start - 2, x + 0.5, self.top))
        self.rules[-1].append(Rule(LEFT, self.top, RIGHT, self.top + 0.5))
        self.top += 2

    def done(self) -> list[Page]:
        return [
            Page(WIDTH, HEIGHT, tuple(lines), tuple(rules))
            for lines, rules in zip(self.pages, self.rules, strict=True)
        ]


LONG = (
    "Leaders across the partnership should improve the quality and timeliness of education, health "
    "and care plans so that children and young people receive the help they need when they need it, "
    "and should check that every plan says what each service will do."
)


def _report(build) -> str:
    t = Typesetter()
    t.heading("Area SEND inspection of Testshire Local Area Partnership", 20)
    t.paragraph("Inspection dates: 4 to 8 March 2024")
    t.heading("Inspection outcome")
    t.paragraph(
        "The local area partnership's arrangements lead to inconsistent experiences and outcomes for "
        "children and young people with special educational needs and/or disabilities (SEND)."
    )
    t.heading("What does the area partnership need to do better?")
    t.paragraph("Waiting times for speech and language therapy are too long.", bullet="▪")
    build(t)
    t.new_page()
    t.heading("Local area partnership details")
    return read_pages(t.done())


def test_a_line_of_glyphs_gets_its_spaces_from_the_gaps_between_them():
    glyphs = line("Areas", 0) + line("for", 0, x=LEFT + 5 * CHAR + 4)
    assert words(glyphs) == "Areas for"


def test_a_glyph_drawn_twice_in_one_place_counts_once():
    fi = Glyph("fi", 10, 17, 0, 12, 12)
    assert words((Glyph("o", 0, 10, 0, 12, 12), fi, fi, Glyph("x", 17, 23, 0, 12, 12))) == "ofix"


def test_the_running_header_and_page_numbers_are_dropped_and_headings_kept():
    text = _report(lambda t: [t.heading("Areas for improvement"), t.paragraph(LONG)])
    assert "Area SEND inspection report: Testshire" not in text
    assert "\n\n2\n\n" not in text and not text.startswith("1")
    assert "Areas for improvement\n\n" in text


def test_paragraphs_half_a_point_apart_are_still_told_apart():
    second = "Leaders should reduce the waiting times for autism assessments across the whole area."
    found = parse_report(
        _report(lambda t: [t.heading("Areas for improvement"), t.paragraph(LONG), t.paragraph(second)])
    )
    assert [i.text for i in found.areas_for_improvement] == [LONG, second]


def test_a_lead_sentence_ending_in_a_colon_keeps_its_bullets_as_one_area():
    def build(t):
        t.heading("Areas for improvement")
        t.paragraph("Leaders should improve how information is shared. This should focus on ensuring that:")
        t.paragraph("systems to share information about children are more robust", bullet="▪")
        t.paragraph("information moves with a child between schools in good time.", bullet="▪")
        t.paragraph(LONG)

    found = parse_report(_report(build))
    assert [i.text for i in found.areas_for_improvement] == [
        "Leaders should improve how information is shared. This should focus on ensuring that:\n"
        "- systems to share information about children are more robust\n"
        "- information moves with a child between schools in good time.",
        LONG,
    ]


def test_a_paragraph_broken_by_the_page_is_rebuilt_without_the_running_header():
    def build(t):
        t.heading("Areas for improvement")
        t.top = 760 - 2 * PITCH  # two lines of room left on the page
        t.paragraph(LONG)

    found = parse_report(_report(build))
    assert [i.text for i in found.areas_for_improvement] == [LONG]


def test_a_bullet_broken_by_the_page_carries_on_at_its_hanging_indent():
    bullet = (
        "children receiving short breaks without effective oversight and review, including a new "
        "assessment when needs escalate and a review of every plan at least once a year."
    )

    def build(t):
        t.heading("Areas for improvement")
        t.paragraph(
            "Leaders should make sure that children with social care needs get the support, particularly:"
        )
        t.top = 760 - PITCH
        t.paragraph(bullet, bullet="◼")

    found = parse_report(_report(build))
    assert [i.text for i in found.areas_for_improvement] == [
        "Leaders should make sure that children with social care needs get the support, particularly:\n- "
        + bullet
    ]


def test_the_responsible_bodies_table_is_read_as_rows_on_any_page():
    body = "Testshire County Council and NHS Testshire Integrated Care Board"

    def build(t):
        t.heading("Areas for priority action")
        t.row("Responsible body", "Areas for priority action")
        t.row(body, LONG)
        t.top = 760 - 2 * PITCH
        t.row(body, "Leaders should cooperate at pace to improve the shared strategic oversight of SEND.")

    found = parse_report(_report(build))
    assert [(i.text, i.responsible) for i in found.areas_for_priority_action] == [
        (LONG, body),
        ("Leaders should cooperate at pace to improve the shared strategic oversight of SEND.", body),
    ]


def test_a_heading_set_with_letter_spacing_is_still_found():
    def build(t):
        t.pages[-1].append(
            line("Are", t.top, size=16, bold=True)
            + line("as for improvement", t.top, x=LEFT + 3 * CHAR + 4, size=16, bold=True)
        )
        t.top += 30
        t.paragraph(LONG)

    assert [i.text for i in parse_report(_report(build)).areas_for_improvement] == [LONG]


def test_a_name_broken_at_a_hyphen_in_a_wrapped_title_is_joined_without_a_space():
    t = Typesetter()
    t.pages[-1].append(line("Area SEND inspection of Stoke-on-", 90, size=20, bold=True))
    t.pages[-1].append(line("Trent Local Area Partnership", 114, size=20, bold=True))
    assert "Area SEND inspection of Stoke-on-Trent Local Area Partnership" in read_pages(t.done())


ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]


@given(st.lists(st.integers(min_value=0, max_value=4), min_size=1, max_size=8))
def test_every_area_comes_out_whole_wherever_the_pages_break(bullets):
    """Areas with and without bullets, set one after another across as many pages as they need."""
    areas = []
    for n, count in enumerate(bullets):
        lead = f"Leaders should act on matter number {n} so that children and young people are helped" + (
            ", in particular:" if count else "."
        )
        parts = [
            f"the {ORDINALS[k]} point about the {ORDINALS[n]} matter, which needs doing soon"
            for k in range(count)
        ]
        areas.append((lead, parts))

    def build(t):
        t.heading("Areas for improvement")
        for lead, parts in areas:
            t.paragraph(lead + " " + LONG if not parts else lead)
            for part in parts:
                t.paragraph(part, bullet="•")

    found = parse_report(_report(build))
    listed = [comparable(lead + (" " + LONG if not parts else ""), parts) for lead, parts in areas]
    result = score(listed, [comparable(i.text) for i in found.areas_for_improvement])
    assert (result.recall, result.precision) == (1.0, 1.0)
