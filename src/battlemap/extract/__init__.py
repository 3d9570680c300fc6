"""Propose a document's figures for review: `extract_text` on a text, `extract_file` on a file.

Modules: battlemap.read.decoding (bytes to text, bad input), figures (number + unit spans), cues (metric), scope,
reading (qualifier, target), clauses (quotes), scoring (confidence), vocabulary (the seeds it reads).
"""

from __future__ import annotations

from pathlib import Path

from battlemap.extract.document_kind import guess_figures_are
from battlemap.extract.extractor import COLUMNS, Proposal, extract_text
from battlemap.read.decoding import Article, ArticleError, decode_article, read_article
from battlemap.shared.places import Place

__all__ = [
    "COLUMNS",
    "Article",
    "ArticleError",
    "Proposal",
    "decode_article",
    "extract_file",
    "extract_text",
    "guess_figures_are",
    "read_article",
]


def extract_file(
    path: Path, place: Place | None = None, document: str | None = None, figures_are: str | None = None
) -> tuple[Article, list[Proposal]]:
    """Read one article (ArticleError on bad input) and propose its figures."""
    article = read_article(path)
    return article, extract_text(article.text, document=document or Path(path).stem, place=place, figures_are=figures_are)
