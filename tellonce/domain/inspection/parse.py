"""Findings out of the text of an area SEND inspection report, for either framework."""

import re
from datetime import date

from tellonce.domain.inspection import dates
from tellonce.domain.inspection.findings import (
    HEADINGS,
    Framework,
    InspectionFindings,
    Item,
    Judgement,
    Kind,
    NotAnInspectionReport,
    Outcome,
)
from tellonce.domain.inspection.paragraphs import Paragraph, paragraphs

# Headings both frameworks prescribe, matched on the whole paragraph (lower case, no end punctuation).
_HEADINGS = [
    ("main", r"main findings"),
    ("identifying", r"the effectiveness of the (?:local )?areas? in identifying .*"),
    ("meeting", r"the effectiveness of the (?:local )?areas? in meeting .*"),
    ("improving", r"the effectiveness of the (?:local )?areas? in improving .*"),
    ("strengths", r"(?:areas? of )?strengths?"),
    ("development", r"areas? (?:for|of) (?:further )?development"),
    ("improvement", r"areas? for (?:further )?improvement"),
    ("outcome", r"(?:monitoring )?inspection outcomes?"),
    ("about", r"information about the local area partnership"),
    ("like", r"what is it like to be a child or young person with send in this (?:local )?area"),
    ("effective", r"what is the (?:local )?area partnership doing that is effective"),
    ("better", r"what (?:does|do) the (?:local )?area partnership need to do better"),
    ("priority", r"areas? for priority action"),
    ("progress", r"progress (?:against|on|in addressing|made (?:against|on)) (?:the|each|its) .*"),
    ("details", r"local area partnership details"),
    ("information", r"information about this (?:monitoring )?inspection"),
    ("team", r"inspection team"),
    ("end", r"yours sincerely|yours faithfully"),
]
_COMPILED = [(name, re.compile(rf"^{pattern}$")) for name, pattern in _HEADINGS]
# The same headings with the spaces taken out, for headings set with letter spacing ("Are as for").
_SPACELESS = [(name, re.compile("^" + pattern.replace(" ", "") + "$")) for name, pattern in _HEADINGS]


def _norm(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text).strip().rstrip(":?.! ").strip()


def heading(text: str) -> str | None:
    if len(text) > 200:
        return None
    norm = _norm(text)
    for name, pattern in _COMPILED:
        if pattern.match(norm):
            return name
    if len(norm) <= 80:
        squeezed = norm.replace(" ", "")
        for name, pattern in _SPACELESS:
            if pattern.match(squeezed):
                return name
    return None


_TITLE_2023 = re.compile(
    r"area send (?:full |monitoring )?(?:re-?)?(?:inspection|visit) of (?:the )?(.+?) local area partnership",
    re.IGNORECASE,
)
_TITLE_2016 = re.compile(
    r"(?:joint )?(?:local )?area send (inspection|revisit)s? (?:in|of) (.+)", re.IGNORECASE
)
_JUDGEMENT = re.compile(
    r"\b(?:has|have) (not )?made (sufficient|insufficient|enough|not enough) progress in addressing (.+?)\.?$",
    re.IGNORECASE,
)


def parse_report(text: str, *, document_date: date | None = None) -> InspectionFindings:
    """The findings in a report's text. `document_date` (when the file was made) stands in for a
    letter date the text does not carry, and the findings say so in their notes."""
    paras = paragraphs(text, heading)
    framework = _framework(paras)
    if framework is None:
        raise NotAnInspectionReport(
            "This does not look like an Ofsted and CQC area SEND inspection report or letter"
        )
    found = _parse_2023(paras) if framework == Framework.NEW else _parse_2016(paras)
    if not found.has_findings():
        raise NotAnInspectionReport(
            "No findings were found in this report: check it is the inspection letter"
        )
    if found.letter_date is None and document_date is not None:
        found.letter_date = document_date
        found.notes.append("The report carries no date: the letter date is the day the file was made")
    if not found.area:
        found.notes.append("The local area's name was not found")
    if found.inspection_dates is None:
        found.notes.append("The inspection dates were not found")
    return found


def _framework(paras: list[Paragraph]) -> Framework | None:
    head = " ".join(p.text for p in paras[:60])
    names = {heading(p.text) for p in paras}
    if _TITLE_2023.search(head) or len(names & {"effective", "better", "priority", "like"}) >= 2:
        return Framework.NEW
    if _TITLE_2016.search(head) or len(names & {"identifying", "meeting", "improving"}) >= 2:
        return Framework.OLD
    return None


def tidy(text: str) -> str:
    """A list item as a sentence: a capital first letter, no list punctuation at the end."""
    text = re.sub(r"(?:;|,)?\s*(?:and|or)$|[;,.]$", "", text.strip()).strip()
    return text[:1].upper() + text[1:]


def _add(items: list[str], para: Paragraph) -> None:
    """An item, or a part of the item before: a bullet under a lead sentence ending in a colon
    belongs to it, as do the bullets after it, until a paragraph that is not a bullet."""
    if items and para.marker and (items[-1].rstrip().endswith(":") or "\n- " in items[-1]):
        items[-1] = f"{items[-1]}\n- {para.text}"
        return
    items.append(para.text)


# 2016-2022 letters -------------------------------------------------------------------------------


def _parse_2016(paras: list[Paragraph]) -> InspectionFindings:
    kind = Kind.INITIAL
    area = ""
    for p in paras[:60]:
        match = _TITLE_2016.search(p.text)
        if match:
            kind = Kind.REVISIT if match.group(1).lower() == "revisit" else Kind.INITIAL
            area = _area_name(match.group(2))
            break
    text = " ".join(p.text for p in paras)
    if re.search(r"\brevisited the (?:local )?area\b", text, re.IGNORECASE):
        kind = Kind.REVISIT
    found = InspectionFindings(Framework.OLD, kind, area=area)
    found.letter_date = next((d for p in paras[:40] if (d := dates.parse_date(p.text))), None)
    found.inspection_dates = next(
        (
            r
            for p in paras[:80]
            if re.match(r"between\b", p.text, re.IGNORECASE) and (r := dates.find_range(p.text))
        ),
        None,
    )
    found.written_statement_required = bool(
        re.search(r"written statement of action (?:is|was) required", text, re.IGNORECASE)
    )
    _three_headings(paras, found)
    if kind == Kind.REVISIT:
        found.main_findings = []  # a revisit's findings are its judgements
        found.revisit_judgements = _judgements(paras)
        found.significant_weaknesses = [j.weakness for j in found.revisit_judgements]
        sufficient = all(j.sufficient_progress for j in found.revisit_judgements)
        found.outcome = Outcome.SUFFICIENT_PROGRESS if sufficient else Outcome.INSUFFICIENT_PROGRESS
        if not found.revisit_judgements:
            found.outcome = Outcome.UNKNOWN
    else:
        found.significant_weaknesses = _listed_weaknesses(paras)
        found.outcome = (
            Outcome.WRITTEN_STATEMENT_REQUIRED
            if found.written_statement_required or found.significant_weaknesses
            else Outcome.NO_WRITTEN_STATEMENT
        )
        found.written_statement_required = found.outcome == Outcome.WRITTEN_STATEMENT_REQUIRED
    return found


def _area_name(raw: str) -> str:
    name = re.sub(r"^(?:the )?(?:local )?area of ", "", raw.strip(), flags=re.IGNORECASE)
    return name.strip(" .,:;")


def _is_weakness_list_intro(text: str) -> bool:
    return bool(
        re.search(r"written statement of action", text, re.IGNORECASE)
        and re.search(r"(?:following|these) (?:areas? of )?significant weakness", text, re.IGNORECASE)
    )


def _three_headings(paras: list[Paragraph], found: InspectionFindings) -> None:
    section: str | None = None
    head: str | None = None  # set whenever sub is
    sub: str | None = None
    for p in paras:
        name = heading(p.text)
        if name == "main":
            section, head, sub = "main", None, None
        elif name in HEADINGS:
            section, head, sub = "three", name, None
        elif name == "strengths" and head:
            sub = "strengths"
        elif name in ("development", "improvement") and head:
            sub = "development"
        elif (
            name == "end"
            or _is_weakness_list_intro(p.text)
            or re.match(r"the inspection raises significant concerns", p.text, re.IGNORECASE)
        ):
            section = head = sub = None
        elif name is None and section == "main" and not p.cells:
            _add(found.main_findings, p)
        elif name is None and section == "three" and sub and head and not p.cells:
            target = found.strengths if sub == "strengths" else found.areas_for_development
            _add(target[head], p)


def _listed_weaknesses(paras: list[Paragraph]) -> list[str]:
    out: list[str] = []
    for i, p in enumerate(paras):
        if not _is_weakness_list_intro(p.text):
            continue
        for q in paras[i + 1 :]:
            if heading(q.text) or (out and not q.marker and not q.text[:1].islower()):
                break
            out.append(tidy(q.text))
        break
    return out


def _judgements(paras: list[Paragraph]) -> list[Judgement]:
    """Each block that ends "has (not) made sufficient progress in addressing this weakness"; its
    weakness is the block's first paragraph: the one after "At the initial inspection, inspectors
    found the following", after a heading or after the judgement before, or what the judgement
    itself names."""
    out: list[Judgement] = []
    title: str | None = None
    for p in paras:
        if re.search(r"at the initial inspection,? inspectors found", p.text, re.IGNORECASE) or heading(
            p.text
        ):
            title = ""
            continue
        match = _JUDGEMENT.search(p.text)
        if match and not re.search(r"\ball\b|\b\w+ of the\b", match.group(3)):
            addressed = match.group(3)
            named = "" if re.match(r"(?:this|these|the|that) ", addressed) else tidy(addressed)
            sufficient = not match.group(1) and match.group(2).lower() in ("sufficient", "enough")
            if weakness := named or title:
                out.append(Judgement(weakness.rstrip("."), sufficient))
            title = ""
            continue
        if title == "":
            title = p.text
    return out


# 2023 framework reports --------------------------------------------------------------------------


def _parse_2023(paras: list[Paragraph]) -> InspectionFindings:
    head = " ".join(p.text for p in paras[:60])
    title = _TITLE_2023.search(head)
    monitoring = bool(re.search(r"monitoring (?:inspection|visit) of", head, re.IGNORECASE))
    found = InspectionFindings(Framework.NEW, Kind.MONITORING if monitoring else Kind.FULL)
    found.area = title.group(1).strip() if title else ""
    for p in paras[:80]:
        current = re.search(r"(?<!previous )inspection dates?:?\s*(.+)", p.text, re.IGNORECASE)
        previous = re.search(
            r"dates? of (?:the )?previous (?:full )?inspection:?\s*(.+)", p.text, re.IGNORECASE
        )
        if found.inspection_dates is None and current:
            found.inspection_dates = dates.find_range(current.group(1))
        if found.previous_inspection_dates is None and previous:
            found.previous_inspection_dates = dates.find_range(previous.group(1))
    found.letter_date = next((d for p in paras[:40] if (d := dates.parse_date(p.text))), None)
    _sections_2023(paras, found)
    found.outcome = _outcome_2023(paras, found)
    return found


def _sections_2023(paras: list[Paragraph], found: InspectionFindings) -> None:
    section = None
    responsible_column: int | None = None
    lists = {"effective": found.effective, "better": found.needs_to_do_better}
    body_first = False  # a table's "Responsible body" column flattened into the text
    for p in paras:
        name = heading(p.cells[0] if p.cells and heading(p.cells[-1]) else p.text)
        if p.cells and any(re.match(r"responsible bod", c, re.IGNORECASE) for c in p.cells):
            responsible_column = next(i for i, c in enumerate(p.cells) if re.match(r"responsible", c, re.I))
            continue
        header = _COLUMN_HEADER.match(p.text)
        if header and not p.cells:
            body_first = True
            if not p.text[header.end() :].strip():
                continue
            p = Paragraph(p.text[header.end() :].strip(), p.marker)
        if name is not None:
            section, body_first = name, False
            continue
        if body_first and section in ("priority", "improvement") and not p.cells:
            p = _split_body(p)
        if section in lists and not p.cells:
            _add(lists[section], p)
        elif section in ("priority", "improvement"):
            target = found.areas_for_priority_action if section == "priority" else found.areas_for_improvement
            _add_recommendation(target, p, responsible_column)


_COLUMN_HEADER = re.compile(
    r"^responsible bod(?:y|ies)(?:\s+areas? for (?:priority action|improvement))?\s*", re.IGNORECASE
)
_SENTENCE_START = re.compile(
    r"\s(?=(?:Leaders|Health leaders|Strategic leaders|Senior leaders|Local area leaders|The local area|"
    r"The partnership|Partnership leaders|Commissioners|Partners)\b)"
)


def _split_body(p: Paragraph) -> Paragraph:
    """ "<body> Leaders at … should …" from a flattened two-column table: the body as a cell."""
    subject = _SUBJECT.match(p.text)
    split = _SENTENCE_START.search(p.text, 1, subject.end() if subject else len(p.text))
    if not split or p.text[:1].islower():
        return p
    return Paragraph(p.text, p.marker, cells=(p.text[: split.start()].strip(), p.text[split.end() :].strip()))


def _add_recommendation(target: list[Item], p: Paragraph, column: int | None) -> None:
    if p.cells:
        cells = list(p.cells)
        at = column if column is not None and column < len(cells) else 0
        responsible = cells.pop(at)
        text = re.sub(r"\s*•\s+", "\n- ", " ".join(c for c in cells if c)).strip()
        if target and (not responsible or text[:1].islower()) and not target[-1].text.endswith("."):
            last = target[-1]
            who = f"{last.responsible} {responsible}".strip() if responsible else last.responsible
            target[-1] = Item(f"{last.text} {text}".strip(), who)
            return
        target.append(Item(text, responsible or _subject(text)))
        return
    texts = [t.text for t in target]
    _add(texts, p)
    if len(texts) == len(target):
        target[-1] = Item(texts[-1], target[-1].responsible)
    else:
        target.append(Item(p.text, _subject(p.text)))


_SUBJECT = re.compile(
    r"^(?P<who>[A-Z][^.;:]{2,200}?),?\s+(?:should|must|needs? to|is required to|are required to|will need to)\s",
)


def _subject(text: str) -> str:
    """Who a recommendation names: "Leaders in health should ensure…" gives "Leaders in health"."""
    match = _SUBJECT.match(text)
    if not match:
        return ""
    return re.split(r",\s*(?:including|together with|with)\b", match.group("who"))[0].strip()


def _outcome_2023(paras: list[Paragraph], found: InspectionFindings) -> Outcome:
    text = " ".join(p.text for p in paras)
    if found.kind == Kind.MONITORING:
        found.revisit_judgements = _judgements(paras)
        if not found.areas_for_priority_action:
            found.areas_for_priority_action = [Item(j.weakness) for j in found.revisit_judgements]
        if re.search(r"(?:not made sufficient|made insufficient) progress", text, re.IGNORECASE):
            return Outcome.INSUFFICIENT_PROGRESS
        if re.search(r"made sufficient progress", text, re.IGNORECASE):
            return Outcome.SUFFICIENT_PROGRESS
        return Outcome.UNKNOWN
    checks = [
        (r"typically lead to positive experiences", Outcome.POSITIVE),
        (r"lead to inconsistent experiences", Outcome.INCONSISTENT),
        (r"widespread and/or systemic failings", Outcome.WIDESPREAD_FAILINGS),
    ]
    for pattern, outcome in checks:
        if re.search(pattern, text, re.IGNORECASE):
            return outcome
    return Outcome.UNKNOWN
