"""A report's pages, as characters with their font and position, into its structure (ADR 0071).

The PDF reader (improvement/reading.py) gives each page as lines of glyphs (a character, where
it sits, its type size and whether its font is bold) and the page's ruling lines; everything here
is pure. The rules read the document's structure rather than its line breaks:

- Running headers and footers: a line in the top or bottom band of a page that repeats (digits
  aside) on another page, or is only a page number, is dropped.
- Body text: the type size most characters have; the line pitch: the step between body lines that
  recurs most often in the whole document (not page by page, so a short last page reads the same).
- Headings: a line set larger than the body, or wholly bold, is a heading; a heading wrapped onto
  two lines is one heading.
- Paragraphs: a line joins the paragraph above unless a heading, a bullet or a larger gap than
  the pitch comes between. Across a page break a paragraph continues when its last line did not
  end a sentence, or ran to the full width of the text, or the next page starts in lower case; a
  bullet continues when the next page starts at its hanging indent.
- Tables: a line that crosses a vertical ruling line is a table row; its cells are the text between
  the rules, and lines between two horizontal rules are one row. A row that runs onto the next page
  continues there (its first cell empty, or its text starting in lower case: the parser joins it).

The result is text in the shape the parser reads from any source: one block a line, a blank line
between blocks, bullets kept with a glyph, table rows as `| cell | cell |` with bullets inside a
cell written ` • `.
"""

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

BULLETS = "◼▪■•●◦▫□➢➤►–−-*·\uf0a7\uf0b7"
MARGIN = 0.09  # top and bottom fraction of a page where running headers and footers sit
_NUMBERED = re.compile(r"^(?:\(?\d{1,2}[.)]|\(?[a-h][.)]|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)[.)])\s")
_TERMINAL = tuple(".!?:;")


@dataclass(frozen=True, slots=True)
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruling line (or the thin edge of a rectangle) drawn on the page."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def vertical(self) -> bool:
        return self.x1 - self.x0 < 2 and self.bottom - self.top > 4

    @property
    def horizontal(self) -> bool:
        return self.bottom - self.top < 2 and self.x1 - self.x0 > 20


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    lines: tuple[tuple[Glyph, ...], ...]  # each line's glyphs, left to right
    rules: tuple[Rule, ...] = ()


@dataclass
class Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    size: float
    bold: bool
    margin: bool = False
    cells: tuple[str, ...] = ()  # set when the line crosses a table's vertical rules
    row: int | None = None  # which band between horizontal rules the line sits in
    first_word: float = 0.0  # the width of the line's first word


@dataclass
class Block:
    text: str
    kind: str  # "heading", "paragraph", "bullet", "row"
    page: int
    x0: float = 0.0
    body_x0: float | None = None  # where a bullet's later lines start
    last: Line | None = None
    cells: list[list[str]] = field(default_factory=list)
    row: int | None = None
    step: float | None = None  # the block's own line pitch, once it has two lines


def words(glyphs: tuple[Glyph, ...] | list[Glyph]) -> str:
    """Glyphs into text: a space where the PDF has one, or where the gap between two glyphs is
    wider than a fifth of the type size; a glyph drawn twice in the same place counts once."""
    out: list[str] = []
    previous: Glyph | None = None
    for g in glyphs:
        if previous is not None and g.text == previous.text and abs(g.x0 - previous.x0) < 0.5:
            continue  # drawn twice in one place (a ligature, or bold made by overprinting)
        if previous is not None and g.text != " " and g.x0 - previous.x1 > 0.2 * max(g.size, 1):
            if out and out[-1] != " ":
                out.append(" ")
        out.append(g.text)
        previous = g
    return re.sub(r"\s+", " ", "".join(out)).strip()


def shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower()).strip()


def _style(glyphs: list[Glyph]) -> tuple[float, bool]:
    seen = [g for g in glyphs if g.text.strip()]
    if not seen:
        return 0.0, False
    size = round(statistics.median(g.size for g in seen), 1)
    return size, all(g.bold for g in seen)


def _cells(glyphs: tuple[Glyph, ...], top: float, bottom: float, rules: tuple[Rule, ...]) -> tuple[str, ...]:
    """The line split at the vertical rules that cross it, when text lies on both sides of one."""
    middle = (top + bottom) / 2
    xs = sorted({round(r.x0, 0) for r in rules if r.vertical and r.top <= middle <= r.bottom})
    if len(xs) < 2:
        return ()
    columns: list[list[Glyph]] = [[] for _ in range(len(xs) - 1)]
    for g in glyphs:
        at = next((i for i in range(len(xs) - 1) if xs[i] - 1 <= (g.x0 + g.x1) / 2 < xs[i + 1] + 1), None)
        if at is not None:
            columns[at].append(g)
    texts = tuple(words(c) for c in columns)
    return texts if len(texts) >= 2 else ()


def _first_word(glyphs: list[Glyph]) -> float:
    end = glyphs[0].x1
    for a, b in zip(glyphs, glyphs[1:], strict=False):
        if b.x0 - a.x1 > 0.2 * max(b.size, 1):
            break
        end = b.x1
    return end - glyphs[0].x0


def _band(top: float, rules: tuple[Rule, ...], x: float) -> int:
    """How many horizontal rules lie above the line (within the table's width): its row."""
    return sum(1 for r in rules if r.horizontal and r.bottom <= top + 1 and r.x0 - 2 <= x <= r.x1 + 2)


def lines_of(pages: list[Page]) -> list[Line]:
    out: list[Line] = []
    for number, page in enumerate(pages):
        for glyphs in page.lines:
            text = words(glyphs)
            if not text:
                continue
            seen = [g for g in glyphs if g.text.strip()]
            top, bottom = min(g.top for g in seen), max(g.bottom for g in seen)
            size, bold = _style(list(glyphs))
            margin = top < page.height * MARGIN or bottom > page.height * (1 - MARGIN)
            cells = _cells(glyphs, top, bottom, page.rules)  # a table's row is never page furniture
            line = Line(
                number, top, bottom, seen[0].x0, seen[-1].x1, text, size, bold, margin and not cells, cells
            )
            if cells:
                line.row = _band(top, page.rules, seen[0].x0)
            line.first_word = _first_word(seen)
            out.append(line)
    return out


def drop_furniture(lines: list[Line]) -> list[Line]:
    """Running headers, footers and page numbers: in a page's top or bottom band, and either only a
    number or repeated (digits aside) on at least two pages and on two in five of them, so a heading
    that happens to open two pages of a long report stays."""
    pages = len({line.page for line in lines}) or 1
    pages_with: Counter[str] = Counter()
    for key in {(line.page, shape(line.text)) for line in lines if line.margin}:
        pages_with[key[1]] += 1
    enough = max(2, round(pages * 0.4))
    return [
        line
        for line in lines
        if not (
            line.margin
            and (
                pages_with[shape(line.text)] >= enough
                or re.fullmatch(r"(?:page\s*)?[#\s]*(?:of\s*#)?", shape(line.text))
            )
        )
    ]


def body_style(lines: list[Line]) -> tuple[float, float, float]:
    """The body's type size, its line pitch and the right edge its full lines reach."""
    sizes = Counter(line.size for line in lines if not line.cells)
    size = sizes.most_common(1)[0][0] if sizes else 12.0
    body = [line for line in lines if line.size == size and not line.cells and not line.bold]
    steps = Counter(
        round((b.top - a.top) * 2) / 2
        for a, b in zip(body, body[1:], strict=False)
        if a.page == b.page and size * 0.9 < b.top - a.top < size * 2.5
    )
    pitch = steps.most_common(1)[0][0] if steps else size * 1.2
    ends = sorted(line.x1 for line in body)
    right = ends[int(len(ends) * 0.9)] if ends else 0.0
    return size, pitch, right


def is_bullet(text: str) -> bool:
    return (
        text[:1] in BULLETS
        and (len(text) == 1 or text[1:2] in " \t" or text[:1] not in "-*")
        or bool(_NUMBERED.match(text))
    )


def _join(left: str, right: str) -> str:
    """Wrapped lines rejoined; a line ending in a hyphen runs on without a space ("well-being",
    "Stoke-on-Trent") unless the next word shows a suspended hyphen ("pre- and post-diagnosis")."""
    if (
        left.endswith(("-", "–"))
        and not left.endswith((" -", " –"))
        and not re.match(r"(?:and|or|to)\b", right)
    ):
        return left + right
    return f"{left} {right}"


def blocks(lines: list[Line]) -> list[Block]:
    size, pitch, right = body_style(lines)
    out: list[Block] = []
    previous: Line | None = None
    for at, line in enumerate(lines):
        heading = (
            not line.cells
            and re.search(r"\w", line.text) is not None
            and not is_bullet(line.text)
            and (line.size >= size + 1 or (line.bold and len(line.text) < 150))
        )
        last = out[-1] if out else None
        if line.cells:
            if last and last.kind == "row" and last.page == line.page and last.row == line.row:
                for cell, text in zip(last.cells, line.cells, strict=False):
                    if text:
                        cell.append(text)
            else:
                out.append(
                    Block("", "row", line.page, cells=[[t] if t else [] for t in line.cells], row=line.row)
                )
            previous = line
            continue
        kind = "heading" if heading else ("bullet" if is_bullet(line.text) else "paragraph")
        if last is not None and last.kind == "bullet" and len(last.text) == 1 and kind != "bullet":
            last.text, last.body_x0, last.last = f"{last.text} {line.text}", line.x0, line
            previous = line
            continue  # a bullet's glyph set on a line of its own: its text follows
        if last is None or previous is None or last.kind == "row" or last.last is None:
            joins = False
        elif kind == "bullet" or (kind == "heading") != (last.kind == "heading"):
            joins = False
        elif kind == "heading":
            joins = line.page == previous.page and line.top - previous.top <= line.size * 1.6
        elif line.page == previous.page:
            joins = not _paragraph_ends(last, previous, line, pitch, right) and not _leaves_bullet(last, line)
        else:
            following = lines[at + 1] if at + 1 < len(lines) else None
            joins = _runs_on(last, line, right) and not _stands_alone(line, following, pitch, right)
        if joins and last is not None:
            if last.kind == "bullet" and last.body_x0 is None:
                last.body_x0 = line.x0
            if previous is not None and line.page == previous.page:
                last.step = line.top - previous.top
            last.text = _join(last.text, line.text)
            last.last = line
        else:
            out.append(Block(line.text, kind, line.page, x0=line.x0, last=line))
        previous = line
    return out


def _leaves_bullet(block: Block, line: Line) -> bool:
    """A line that starts left of a bullet's text (or where its glyph stands) is not part of it."""
    if block.kind != "bullet":
        return False
    return line.x0 <= block.x0 + 1 or (block.body_x0 is not None and line.x0 < block.body_x0 - 3)


def _paragraph_ends(block: Block, previous: Line, line: Line, pitch: float, right: float) -> bool:
    """Between two lines of one page: a gap wider than the pitch, or a sentence that ends a line
    with a little more space after it than between the paragraph's own lines, or that ends a line
    short enough for the next line's first word to have fitted (so the line was ended on purpose)."""
    step = line.top - previous.top
    own = block.step or pitch
    if step > own * 1.3:
        return True
    if not block.text.endswith(_TERMINAL):
        return False
    fitted = previous.x1 + previous.size * 0.3 + line.first_word < right - 2  # room left for the word
    return step - own >= 0.3 or (fitted and line.text[:1].isupper())


def _stands_alone(line: Line, following: Line | None, pitch: float, right: float) -> bool:
    """A short line with no closing punctuation, set apart from what follows it: a heading in body
    type (so it does not carry on the paragraph the page before ended with)."""
    if line.text.endswith(_TERMINAL) or line.x1 > right - 60 or following is None:
        return False
    return following.page != line.page or following.top - line.top > pitch * 1.3 or is_bullet(following.text)


def _runs_on(block: Block, line: Line, right: float) -> bool:
    """Does the first line of a page carry on the block the page before ended with?"""
    if is_bullet(line.text) or block.last is None:
        return False
    if line.text[:1].islower() and not block.text.endswith(_TERMINAL):
        return True
    if block.kind == "bullet":
        indent = block.body_x0 if block.body_x0 is not None else block.x0 + 10
        if abs(line.x0 - indent) > 3:
            return False
    elif line.x0 > block.x0 + 10:
        return False
    if line.text[:1].islower():
        return True
    if block.last.x1 + block.last.size * 0.3 + line.first_word < right - 2:
        return False  # the page's last line left room for the next word: the paragraph ended there
    return not block.text.endswith(":")


def as_text(found: list[Block]) -> str:
    parts: list[str] = []
    for block in found:
        if block.kind == "row":
            cells = [_cell(c) for c in block.cells]
            if not any(cells):
                continue
            parts.append("| " + " | ".join(cells) + " |")
        else:
            parts.append(block.text)
    return "\n\n".join(parts) + "\n"


def _cell(lines: list[str]) -> str:
    text = ""
    for line in lines:
        if is_bullet(line):
            text = f"{text} • {line[1:].strip()}" if line[:1] in BULLETS else f"{text} • {line}"
        else:
            text = _join(text, line) if text else line
    return text.strip()


def read_pages(pages: list[Page]) -> str:
    """The document's text, rebuilt from its structure."""
    return as_text(blocks(drop_furniture(lines_of(pages))))
