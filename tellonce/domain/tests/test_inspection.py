"""The inspection-report parser's rules, on small texts shaped like each framework's reports:
bullet glyphs, numbered paragraphs, page furniture, wrapped lines and titles, tables across pages."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.inspection import NotAnInspectionReport, parse_report
from tellonce.domain.inspection.dates import find_range, parse_date
from tellonce.domain.inspection.paragraphs import paragraphs
from tellonce.domain.inspection.parse import _subject, heading, tidy


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Between 7 and 11 February 2022, Ofsted", date(2022, 2, 7), date(2022, 2, 11)),
        ("Between 28 January 2019 and 1 February 2019,", date(2019, 1, 28), date(2019, 2, 1)),
        ("Between 4 October 2022 and 6 October 2022", date(2022, 10, 4), date(2022, 10, 6)),
        ("Inspection dates: 11 to 15 March 2024", date(2024, 3, 11), date(2024, 3, 15)),
        ("Inspection dates: 27 February to 3 March 2023", date(2023, 2, 27), date(2023, 3, 3)),
        ("Inspection dates: 28 November – 2 December 2022", date(2022, 11, 28), date(2022, 12, 2)),
        ("30 December to 3 January 2024", date(2023, 12, 30), date(2024, 1, 3)),
        ("1st to 5th July 2023", date(2023, 7, 1), date(2023, 7, 5)),
    ],
)
def test_spans_of_days_are_read_as_reports_write_them(text, start, end):
    found = find_range(text)
    assert (found.start, found.end) == (start, end)


def test_a_paragraph_that_is_only_a_date_is_the_letters_date():
    assert parse_date("26 October 2022") == date(2022, 10, 26)
    assert parse_date("8 March 2022.") == date(2022, 3, 8)
    assert parse_date("Published: 14 May 2024") == date(2024, 5, 14)
    assert parse_date("Date: 1st July 2019") == date(2019, 7, 1)
    assert parse_date("Between 7 and 11 February 2022") is None
    assert parse_date("31 February 2022") is None


@given(st.dates(min_value=date(2016, 1, 1), max_value=date(2035, 12, 31)), st.integers(0, 20))
def test_any_span_written_with_to_reads_back(start, days):
    from datetime import timedelta

    end = start + timedelta(days=days)
    text = f"Inspection dates: {start.day} {start:%B %Y} to {end.day} {end:%B %Y}"
    found = find_range(text)
    assert (found.start, found.end) == (start, end)


@pytest.mark.parametrize(
    "line",
    [
        "◼ Item",
        "▪ Item",
        "■ Item",
        "• Item",
        "- Item",
        "– Item",
        "* Item",
        "1. Item",
        "(a) Item",
        "iv) Item",
        "o Item",
    ],
)
def test_any_bullet_or_number_marks_an_item_and_is_dropped(line):
    (para,) = paragraphs(line + " of the list.", heading)
    assert para.marker and para.text == "Item of the list."


def test_page_numbers_and_running_headers_are_dropped_and_broken_sentences_rejoined():
    text = "\n".join(
        [
            "What is the area partnership doing that is effective?",
            "",
            "◼ Leaders know their area well and act on what they find, across every part of the area and",
            "",
            "Area SEND inspection report: Anytown Local Area Partnership, 1 to 5 May 2023",
            "3",
            "",
            "with partners. This matters.",
            "Area SEND inspection report: Anytown Local Area Partnership, 1 to 5 May 2023",
            "4",
            "Area SEND inspection report: Anytown Local Area Partnership, 1 to 5 May 2023",
        ]
    )
    texts = [p.text for p in paragraphs(text, heading)]
    assert texts == [
        "What is the area partnership doing that is effective?",
        "Leaders know their area well and act on what they find, across every part of the area and "
        "with partners. This matters.",
    ]


def test_hard_wrapped_text_is_split_into_paragraphs_at_short_lines_that_end_a_sentence():
    lines = [
        "Areas for improvement",
        "Leaders across the partnership should make sure that the quality of plans improves so",
        "that every plan says what the child needs and what will be provided for them by whom and",
        "when it will be reviewed by the team.",
        "Health leaders should reduce waiting times for assessments and support families while they",
        "wait.",
    ] * 2
    texts = [p.text for p in paragraphs("\n".join(lines), heading)]
    assert texts[1].endswith("reviewed by the team.") and texts[2].startswith("Health leaders")
    assert len(texts) == 6


def test_a_wrapped_heading_is_still_a_heading():
    text = "The effectiveness of the local area in identifying children and young\npeople's special educational needs and/or disabilities\n\nStrengths\n\n- Good."
    names = [heading(p.text) for p in paragraphs(text, heading)]
    assert names == ["identifying", "strengths", None]


def test_markdown_and_html_from_converters_are_removed():
    (para,) = paragraphs("### **Joint area SEND revisit in <b>Anytown</b>** [here](#)", heading)
    assert para.text == "Joint area SEND revisit in Anytown here"


def test_a_table_row_broken_across_pages_continues_the_row_before():
    text = "| Anytown Council | Leaders should act to improve the |\n\n| | timeliness of plans. |"
    (row,) = paragraphs(text, heading)
    assert row.cells == ("Anytown Council", "Leaders should act to improve the timeliness of plans.")


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Leaders in health should ensure that waits fall.", "Leaders in health"),
        ("The local area partnership should improve plans.", "The local area partnership"),
        ("Leaders at the council, including commissioners, should act.", "Leaders at the council"),
        ("Health leaders need to reduce waits.", "Health leaders"),
        ("Waiting times are too long.", ""),
    ],
)
def test_who_a_recommendation_names_is_the_subject_of_its_should(text, who):
    assert _subject(text) == who


def test_list_items_become_sentences():
    assert tidy("the poor quality of plans; and") == "The poor quality of plans"
    assert tidy("the waits.") == "The waits"


NEW_REPORT = """Area SEND inspection of Anytown Local
Area Partnership

Inspection dates: 1 to 5 May 2023
Dates of previous inspection: 2 to 6 October 2017

Inspection outcome

There are widespread and/or systemic failings leading to significant concerns about the experiences.

What is the area partnership doing that is effective?

1. Families are heard and leaders act on what they say about services across the area.
2. Early years settings identify needs early and share what they know with health visitors.

What does the area partnership need to do better?

• Waiting times are too long for speech and language therapy and for neurodevelopmental assessments.

Areas for priority action

| Responsible body | Areas for priority action |
| Anytown Council and NHS Anyshire ICB | Leaders should improve governance of SEND across the |
| | partnership. |

Areas for improvement

Leaders across the partnership should improve the quality of EHC plans.
"""


def test_a_2023_report_with_numbered_items_and_a_table_broken_across_pages():
    found = parse_report(NEW_REPORT).as_json()
    assert found["area"] == "Anytown" and found["outcome"] == "widespread_failings"
    assert found["inspection_dates"] == {"start": "2023-05-01", "end": "2023-05-05"}
    assert found["effective"][1].startswith("Early years settings")
    assert found["areas_for_priority_action"] == [
        {
            "text": "Leaders should improve governance of SEND across the partnership.",
            "responsible": "Anytown Council and NHS Anyshire ICB",
        }
    ]
    assert found["areas_for_improvement"][0]["responsible"] == "Leaders across the partnership"


def test_a_monitoring_inspection_judges_each_area_for_priority_action():
    text = NEW_REPORT.replace("Area SEND inspection of", "Area SEND monitoring inspection of") + (
        "\nProgress against the areas for priority action\n\n"
        "Leaders should improve governance of SEND across the partnership.\n\n"
        "Governance has improved: the board now meets monthly and acts on data.\n\n"
        "The local area partnership has made sufficient progress in addressing this area for priority action.\n\n"
        "Leaders should reduce waiting times.\n\n"
        "The local area partnership has not made sufficient progress in addressing this area for priority action.\n"
    )
    found = parse_report(text).as_json()
    assert found["kind"] == "monitoring" and found["outcome"] == "insufficient_progress"
    assert found["revisit_judgements"] == [
        {
            "weakness": "Leaders should improve governance of SEND across the partnership",
            "sufficient_progress": True,
        },
        {"weakness": "Leaders should reduce waiting times", "sufficient_progress": False},
    ]


def test_text_that_is_not_an_inspection_report_is_refused():
    with pytest.raises(NotAnInspectionReport):
        parse_report("Minutes of the highways committee.\n\nThe committee agreed the budget.")


def test_a_report_with_its_headings_but_no_findings_is_refused():
    with pytest.raises(NotAnInspectionReport, match="No findings"):
        parse_report("Area SEND inspection of Anytown Local Area Partnership\n\nInspection outcome\n")
