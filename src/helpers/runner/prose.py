"""The notebooks' prose in two languages, and a report in one.

Every Markdown cell of a notebook comes twice: the English text tagged `lang-en`, then its
Indonesian translation tagged `lang-id`. Both live in the one notebook, side by side, so an
edit to one shows its translation right below, where it is hard to forget. JupyterLab shows
the Indonesian cells collapsed (`source_hidden`), so a researcher reads one language at a
time and opens a translation with one click. A report holds only its language: `in_language`
drops the other language's cells before rendering, and shows the kept ones open.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from helpers.report.language import LANGUAGES, check_lang

if TYPE_CHECKING:
    from nbformat import NotebookNode

TAGS = {lang: f"lang-{lang}" for lang in LANGUAGES}
COLLAPSED = "id"  # the language JupyterLab shows collapsed in the committed notebooks


def language_of(cell: Mapping[str, Any]) -> str | None:
    """The language a cell is tagged with, or None for a cell of every language (code)."""
    tags = cell.get("metadata", {}).get("tags", [])
    tagged = [lang for lang, tag in TAGS.items() if tag in tags]
    return tagged[0] if len(tagged) == 1 else None


def in_language(notebook: NotebookNode, lang: str) -> NotebookNode:
    """The notebook with only `lang`'s prose (and every code cell), the prose shown open."""
    check_lang(lang)
    kept = [cell for cell in notebook.cells if language_of(cell) in (None, lang)]
    for cell in kept:
        cell.metadata.get("jupyter", {}).pop("source_hidden", None)
        if cell.metadata.get("jupyter") == {}:
            del cell.metadata["jupyter"]
    notebook.cells = kept
    return notebook


# A source's words (<q>) and a work's title (<cite>) are quoted as written; any other digit in
# the prose is a count, a year or a figure typed by hand, which goes stale when the data change.
QUOTED = re.compile(r"(?s)<(q|cite)\b[^>]*>.*?</\1>")
DIGITS = re.compile(r"\S*[0-9]\S*")


def typed_numbers(source: str) -> list[str]:
    """The words of Markdown prose holding a digit outside quotes and citations."""
    return DIGITS.findall(QUOTED.sub(" ", source))


def prose_problems(cells: Sequence[Mapping[str, Any]]) -> Iterator[tuple[int, str]]:
    """(cell index, what is wrong) where the convention breaks: a Markdown cell without
    exactly one language tag, a tagged code cell, an English cell not followed by its
    Indonesian one (or the reverse), a cell JupyterLab would show open or collapsed against
    the convention, or a number typed in the prose outside a quote or a citation (what
    depends on the data is computed, or said in general terms)."""
    for index, cell in enumerate(cells):
        metadata = cell.get("metadata", {})
        lang = language_of(cell)
        if cell.get("cell_type") != "markdown":
            if any(tag in TAGS.values() for tag in metadata.get("tags", [])):
                yield index, f"a {cell.get('cell_type')} cell has a language tag"
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        typed = typed_numbers(source)
        if typed:
            yield index, f"a number typed in the prose, outside <q> or <cite>: {typed[:3]}"
        if lang is None:
            yield index, f"Markdown needs exactly one tag of {sorted(TAGS.values())}"
            continue
        partner = index + 1 if lang == "en" else index - 1
        wanted = "id" if lang == "en" else "en"
        if not 0 <= partner < len(cells) or language_of(cells[partner]) != wanted:
            where = "right after" if lang == "en" else "right before"
            yield index, f"{lang} prose without its {wanted} translation {where} it"
        hidden = metadata.get("jupyter", {}).get("source_hidden", False)
        if hidden != (lang == COLLAPSED):
            state = "collapsed (source_hidden)" if lang == COLLAPSED else "open"
            yield index, f"{lang} prose should be {state} in JupyterLab"
