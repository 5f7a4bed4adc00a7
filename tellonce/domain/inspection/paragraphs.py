"""Plain text into paragraphs, whatever made the text.

Tolerates: bullet glyphs of any kind and numbered paragraphs (the marker is noted and dropped);
Markdown or HTML emphasis from converters; page numbers and running headers; text with one
paragraph per line or hard-wrapped at the page width; sentences and table rows broken across
pages (a paragraph that starts in lower case continues the one before); table rows written as
`| cell | cell |`.
"""

import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass

HeadingTest = Callable[[str], object]

BULLET_GLYPHS = "◼▪■•●◦▫□➢➤►✓–−—*·"
_MARKER = re.compile(
    rf"^(?:[{BULLET_GLYPHS}]\s*|[-o]\s+|\(?\d{{1,2}}[.)]\s+|\(?[a-h][.)]\s+|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)[.)]\s+)"
)
_TERMINAL = tuple(".!?:;")


@dataclass
class Paragraph:
    text: str
    marker: bool = False  # began with a bullet or a number
    cells: tuple[str, ...] = ()  # a table row with two or more filled cells

    def joinable(self) -> bool:
        return not self.cells


def clean(line: str) -> str:
    """Converter noise off one line: Markdown and HTML emphasis, links, odd spaces."""
    line = line.replace("\u00a0", " ").replace("\u200b", "").replace("\t", " ")
    line = re.sub(r"</?(?:b|i|strong|em|u|span|p|br)\b[^>]*>", "", line, flags=re.IGNORECASE)
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
    line = re.sub(r"^#{1,6}\s+", "", line.strip())
    line = re.sub(r"\*\*|__", "", line)
    line = re.sub(r"(?<!\w)\*(?=\S)([^*]+?)(?<=\S)\*(?!\w)", r"\1", line)
    return re.sub(r"\s+", " ", line).strip()


def _split_marker(text: str) -> tuple[str, bool]:
    match = _MARKER.match(text)
    if match and len(text) > match.end():
        return text[match.end() :].strip(), True
    return text, False


def _is_page_furniture(line: str, repeats: dict[str, int], is_heading: HeadingTest) -> bool:
    """Page numbers, and short lines repeated page after page (running headers and footers)."""
    if re.fullmatch(r"(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?|-\s*\d{1,3}\s*-", line, re.IGNORECASE):
        return True
    shape = re.sub(r"\d+", "#", line.lower())
    if len(line) >= 160 or repeats.get(shape, 0) < 3 or line.endswith(_TERMINAL) or is_heading(line):
        return False
    return "#" in shape or not _MARKER.match(line)


def _row(line: str) -> tuple[str, ...] | None:
    if not (line.startswith("|") and line.endswith("|") and line.count("|") >= 3):
        return None
    cells = tuple(c.strip() for c in line[1:-1].split("|"))
    if set("".join(cells)) <= set("-: "):
        return ()  # a Markdown table's rule line
    return cells


def _lines(text: str, is_heading: HeadingTest) -> list[str]:
    lines = [
        clean(raw) for raw in text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").split("\n")
    ]
    repeats: dict[str, int] = {}
    for line in lines:
        shape = re.sub(r"\d+", "#", line.lower())
        repeats[shape] = repeats.get(shape, 0) + 1
    return ["" if line and _is_page_furniture(line, repeats, is_heading) else line for line in lines]


def _unwrapped(lines: list[str]) -> bool:
    """One paragraph per line (converters, pasted text), not hard-wrapped at a page's width."""
    filled = [len(line) for line in lines if line]
    long_lines = sum(n > 130 for n in filled)
    return long_lines >= max(3, len(filled) * 0.1)


def _blocks(lines: list[str], is_heading: HeadingTest) -> list[str]:
    """Hard-wrapped text into one string per paragraph: a blank line, a marker, a heading or a
    short line that ends a sentence closes a paragraph."""
    filled = [len(line) for line in lines if line]
    width = statistics.quantiles(filled, n=10)[-1] if len(filled) >= 10 else max(filled, default=80)
    blocks: list[str] = []
    open_block = False
    for line in lines:
        if not line:
            open_block = False
            continue
        starts = _MARKER.match(line) or is_heading(line) or _row(line) is not None
        if open_block and not starts:
            blocks[-1] = _join(blocks[-1], line)
        else:
            blocks.append(line)
        open_block = not is_heading(line) and not (line.endswith(_TERMINAL) and len(line) < 0.8 * width)
        if _row(line) is not None:
            open_block = False
    return blocks


def _join(left: str, right: str) -> str:
    if left.endswith("-") and right[:1].islower():
        return left + right
    return f"{left} {right}"


def paragraphs(text: str, is_heading: HeadingTest) -> list[Paragraph]:
    lines = _lines(text, is_heading)
    blocks = [line for line in lines if line] if _unwrapped(lines) else _blocks(lines, is_heading)
    out: list[Paragraph] = []
    for block in blocks:
        cells = _row(block)
        if cells == ():
            continue
        if cells is not None and out and out[-1].cells and not cells[0] and len(cells) == len(out[-1].cells):
            last = out[-1]
            last.cells = tuple(_join(a, b) if b else a for a, b in zip(last.cells, cells, strict=True))
            last.text = " ".join(last.cells)
            continue
        if cells is not None:
            filled = tuple(c for c in cells if c)
            if not filled:
                continue
            if len(filled) == 1:
                block, cells = filled[0], None
            else:
                out.append(Paragraph(" ".join(cells), cells=cells))
                continue
        body, marker = _split_marker(block)
        if not re.search(r"\w", body):
            continue
        if out and not marker and body[:1].islower() and is_heading(out[-1].text):
            if is_heading(_join(out[-1].text, body)):  # a title wrapped onto a second line
                out[-1].text = _join(out[-1].text, body)
                continue
        if (
            out
            and not marker
            and out[-1].joinable()
            and not is_heading(body)
            and not is_heading(out[-1].text)
        ):
            if _continues(out[-1].text, body):
                out[-1].text = _join(out[-1].text, body)
                continue
        out.append(Paragraph(body, marker))
    return out


def _continues(before: str, after: str) -> bool:
    """A sentence broken by a page: the next part starts in lower case."""
    if not after or before.endswith(_TERMINAL):
        return False
    prose = len(before) > 150 and re.search(r"[a-z]{2}\. [A-Z]", before)
    return after[0].islower() or bool(prose and after[0].isalnum())
