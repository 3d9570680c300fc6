"""Document text as safe HTML with the quote (and the figure inside it) marked.

Every character of the document is HTML-escaped before any tag is added, so a document can never
inject markup. Spans may nest or overlap: the text is cut at every span boundary and the tags of the spans
covering each piece are opened and closed like a stack, which always yields well-formed HTML.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

# Outer tags first: a figure sits inside its quote, a garbled stretch may cross either; a quote the reviewer
# accepted (the Review page) is marked as such inside its <mark>.
TAG_ORDER = ("quote", "accepted", "figure", "garbled")
TAGS = {
    "quote": ('<mark class="bm-quote">', "</mark>"),
    "accepted": ('<span class="bm-accepted" title="accepted">', "</span>"),
    "figure": ('<strong class="bm-figure">', "</strong>"),
    "garbled": ('<span class="bm-garbled" title="garbled in the source">', "</span>"),
}

STYLE = """
<style>
.bm-doc { white-space: pre-wrap; line-height: 1.9; font-size: 1rem; max-height: 28rem; overflow-y: auto;
          padding: .75rem 1rem; border: 1px solid rgba(128,128,128,.35); border-radius: .5rem;
          font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif; }
.bm-doc mark.bm-quote { background: #ffe066; color: #111; padding: 0 .1em; border-radius: .2em; }
.bm-doc strong.bm-figure { color: #b00020; }
.bm-doc .bm-accepted { background: #b7e4c7; border-bottom: 2px solid #2d6a4f; }
.bm-doc .bm-garbled { text-decoration: underline wavy #888; }
.bm-doc .bm-gap { color: #888; }
</style>
"""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # one of TAG_ORDER


def valid_spans(spans: list[Span], length: int) -> list[Span]:
    """Spans clipped to the text; empty, reversed or unknown spans are dropped."""
    kept = []
    for span in spans:
        if span.kind not in TAGS or span.start is None or span.end is None:
            continue
        start, end = max(0, int(span.start)), min(length, int(span.end))
        if start < end:
            kept.append(Span(start, end, span.kind))
    return kept


def highlight(text: str, spans: list[Span]) -> str:
    """`text` HTML-escaped, with each span's characters wrapped in its tag.

    Tags are kept open across cuts as long as they still apply (a stack, outer tags in TAG_ORDER),
    so a quote stays one <mark> even with a figure inside it; when spans cross, the inner tag is
    closed and reopened, which keeps the HTML well-formed.
    """
    text = text or ""
    spans = valid_spans(spans, len(text))
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    pieces: list[str] = []
    open_tags: list[str] = []
    for start, end in zip(cuts, cuts[1:]):
        covering = {s.kind for s in spans if s.start <= start and end <= s.end}
        wanted = [kind for kind in TAG_ORDER if kind in covering]
        common = 0
        while common < min(len(open_tags), len(wanted)) and open_tags[common] == wanted[common]:
            common += 1
        while len(open_tags) > common:
            pieces.append(TAGS[open_tags.pop()][1])
        for kind in wanted[common:]:
            pieces.append(TAGS[kind][0])
            open_tags.append(kind)
        pieces.append(html.escape(text[start:end], quote=True))
    while open_tags:
        pieces.append(TAGS[open_tags.pop()][1])
    return "".join(pieces)


def excerpt_window(length: int, start: int, end: int, context: int = 160) -> tuple[int, int]:
    """The stretch of a document to show around a quote: `context` characters on each side."""
    return max(0, start - context), min(length, end + context)


def render_document(text: str, spans: list[Span], window: tuple[int, int] | None = None) -> str:
    """A bordered, scrollable block of the (escaped, highlighted) document or of a window of it."""
    text = text or ""
    if window is None:
        body = highlight(text, spans)
    else:
        start, end = window
        shifted = [Span(s.start - start, s.end - start, s.kind) for s in spans]
        body = highlight(text[start:end], shifted)
        if start > 0:
            body = '<span class="bm-gap">… </span>' + body
        if end < len(text):
            body += '<span class="bm-gap"> …</span>'
    return f'{STYLE}<div class="bm-doc">{body}</div>'
