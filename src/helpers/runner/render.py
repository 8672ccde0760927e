"""Rendered reports for readers who never open Python: HTML that works offline.

nbconvert's lab template loads require.js, MathJax and mermaid from a CDN; the `offline`
template here drops those scripts (the notebooks need none: figures are inline SVG), titles
the page (and so its PDF) with the report's first heading, and ends it with a footer in the
report's language: what made it (`helpers.runner.vintage`: the latest publication date of the
figures used, the workspace's version), and links to the index and the methodology in that
language (the links are left out of print). The index (`index_page`) reads as a contents
page: each set's reports by title, with the sentence that says how the set differs, each
report's one-line result and what made the set.
"""

import functools
import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

import mistune

from helpers.report.language import LANGUAGES, text

if TYPE_CHECKING:
    from nbconvert import HTMLExporter
    from nbformat import NotebookNode

TEMPLATES = Path(__file__).parent / "templates"
HEADLINE_TAG = "headline"
REMOVE_TAG = "remove-cell"  # a cell the reader's report leaves out (Jupyter Book's tag)
LANGUAGE_NAMES = {"en": "English", "id": "Bahasa Indonesia"}
PAGE_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
code { background: #f3f3f3; padding: 0 0.2rem; }
img, svg { max-width: 100%; height: auto; }
.scroll { overflow-x: auto; max-width: 100%; }
ol.reports li { margin: 0.5rem 0; }
.headline { color: #444; }
.made, .analysts, .ikm-links { font-size: 0.9em; color: #555; }
section { margin-top: 2rem; }
@page { size: A4; margin: 18mm 15mm;
        @bottom-center { content: counter(page) " / " counter(pages); font: 9pt sans-serif; } }
@media print {
  body { max-width: none; margin: 0; padding: 0; color: #000; font-size: 10pt; }
  a { color: #000; }
  ul.languages { display: none; }
  .scroll { overflow: visible; }
  table { width: 100%; font-size: 8.5pt; }
  th { overflow-wrap: normal; }
  td { overflow-wrap: break-word; }
  .ikm-links { display: none; }
  tr, img, svg, pre { break-inside: avoid; }
  thead { display: table-header-group; }
  h1, h2, h3 { break-after: avoid; }
}
@media (max-width: 600px) {
  body { margin: 1rem auto; padding: 0 0.75rem; }
  .scroll table { min-width: 36rem; }
  code { overflow-wrap: anywhere; }
  pre { overflow-x: auto; }
}
"""


def render_notebook(
    notebook: "NotebookNode", target: Path, reader: bool, lang: str = "en", made: str = ""
) -> None:
    """Write `notebook` as self-contained HTML; the reader's version hides the code. The page
    says its language (`<html lang=..>`), for browsers, screen readers and translators, is
    titled with the report's first heading, and ends with the footer in `lang`: `made` (the
    line that says what made the report, if any) and the links."""
    exporter = _exporter(reader)
    exporter.language_code = lang
    resources = {
        "metadata": {"name": title(notebook) or target.stem},
        "ikm_footer": footer(lang, made, None if reader else target.stem.removesuffix(".full")),
    }
    body, _ = exporter.from_notebook_node(notebook, resources=resources)
    target.write_text(body, encoding="utf-8")


def footer(lang: str, made: str = "", notebook: str | None = None) -> str:
    """A report's footer in `lang`: what made it, then the links to every report and to the
    methodology in `lang` (and, in a full report, to its executed `notebook`), which print
    leaves out."""
    targets = {"../index.html": "footer.index"}
    targets[f"../{methodology_file(lang)}"] = "footer.methodology"
    if notebook:
        targets[f"{notebook}.ipynb"] = "footer.notebook"
    links = [
        f'<a href="{html.escape(target)}">{html.escape(text(key, lang))}</a>'
        for target, key in targets.items()
    ]
    made_line = f'<p class="ikm-made">{html.escape(made)}</p>\n' if made else ""
    return f'{made_line}<p class="ikm-links">{" &middot; ".join(links)}</p>'


def methodology_file(lang: str) -> str:
    """The methodology page in `lang`: methodology.html (English), methodology.id.html."""
    return "methodology.html" if lang == LANGUAGES[0] else f"methodology.{lang}.html"


def title(notebook: "NotebookNode") -> str:
    """The report's title: the text of the first Markdown heading of its notebook ("" if none)."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    shown = re.sub(r"<[^>]+>", "", mistune.html(line.lstrip("#").strip()))
                    return html.unescape(shown).strip()
    return ""


@functools.cache
def _exporter(reader: bool) -> "HTMLExporter":
    """One exporter per version and process: loading the templates is the slow part."""
    from nbconvert import HTMLExporter  # slow to import; the index page does not need it
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(
        template_name="offline",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=reader,
        exclude_input_prompt=reader,
        exclude_output_prompt=reader,
    )
    if reader:  # the machinery (imports, writes, the index's headline) is for the full report
        exporter.register_preprocessor(
            TagRemovePreprocessor(remove_cell_tags={REMOVE_TAG}, enabled=True), enabled=True
        )
    return exporter


def headline(notebook: "NotebookNode") -> str:
    """The one-line result the notebook shows in its cell tagged `headline` ('' if none), as
    text: Markdown's escapes (`display.note`) undone, since the index escapes it again."""
    for cell in notebook.cells:
        if HEADLINE_TAG in cell.metadata.get("tags", []):
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                markdown = data.get("text/markdown")
                text = html.unescape(markdown) if markdown else data.get("text/plain")
                if text:
                    return text.strip()
    return ""


def page(title: str, body: str, lang: str = "en") -> str:
    """A minimal standalone HTML page with the reports' style, for print (A4, page numbers) and
    for phones (a wide table scrolls in its own box)."""
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{PAGE_STYLE}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def methodology_page(markdown: str, lang: str = "en") -> str:
    """The methodology in `lang` (docs/methodology.md, docs/methodology.id.md) as a standalone
    page the reports in that language link to, titled by its first heading, with a link to
    the index and to the methodology in the other language."""
    heading = re.search(r"(?m)^#\s+(.+)$", markdown)
    others = " &middot; ".join(
        f'<a href="{methodology_file(other)}" lang="{other}">'
        f"{html.escape(text('footer.methodology_in', other))}</a>"
        for other in LANGUAGES
        if other != lang
    )
    nav = (
        f'<p class="ikm-links"><a href="index.html">{html.escape(text("footer.index", lang))}</a>'
        f" &middot; {others}</p>\n"
    )
    body = nav + mistune.html(markdown)
    return page(heading[1].strip() if heading else "Methodology", body, lang)


def index_page(manifests: list[dict], failed: dict[str, str]) -> str:
    """The report index as a contents page: for every set, its sentence (how it differs), its
    reports by title with their one-line results, what made them, and a line for analysts
    (the reports with their code); a set whose last run failed says so."""
    sections = "\n".join(_set_section(m, failed.get(m["set"])) for m in manifests)
    missing = "".join(
        f"<li>{html.escape(n)}: {html.escape(e)}</li>"
        for n, e in failed.items()
        if n not in {m["set"] for m in manifests}
    )
    methodologies = " &middot; ".join(
        f'<a href="{methodology_file(lang)}" lang="{lang}">'
        f"{html.escape(text('footer.methodology_in', lang))}</a>"
        for lang in LANGUAGES
    )
    body = (
        "<h1>IKM workspace: reports</h1>\n"
        "<p>Each set of reports answers the same questions about Indonesia's small and medium "
        "industry (IKM) with one choice changed: the sentence under its name says which. Each "
        "report opens with its key findings; the line under its title is its result in short. "
        f"{methodologies}.</p>\n"
        + _by_language(manifests)
        + sections
        + (f"\n<h2>Sets without a good report</h2><ul>{missing}</ul>\n" if missing else "\n")
    )
    return page("IKM workspace: reports", body)


def _set_section(manifest: dict, failure: str | None) -> str:
    """One set: its name, its sentence, its reports by title (with their PDFs where printed)
    and one-line results, what made it, and the line for analysts."""
    name = html.escape(manifest["set"])
    lang = manifest.get("language", "en")
    reports = "".join(_report_item(name, notebook) for notebook in manifest["notebooks"])
    made = manifest.get("made", "")
    analysts = " &middot; ".join(
        f'<a href="{name}/{html.escape(n["name"])}.full.html">{number}</a>'
        for number, n in enumerate(manifest["notebooks"], 1)
    )
    status = f'<p class="failed">Last run failed: {html.escape(failure)}</p>\n' if failure else ""
    return (
        f'<section id="{name}">\n<h2>{name}</h2>\n'
        f"<p>{html.escape(manifest['description'])}</p>\n{status}"
        f'<ol class="reports" lang="{html.escape(lang)}">{reports}</ol>\n'
        + (f'<p class="made" lang="{html.escape(lang)}">{html.escape(made)}</p>\n' if made else "")
        + f'<p class="analysts">For analysts, each report with its code: {analysts}</p>\n'
        "</section>"
    )


def _by_language(manifests: list[dict]) -> str:
    """One line per language linking to its sets, so a reader finds reports in their language."""
    sets: dict[str, list[str]] = {}
    for manifest in manifests:
        sets.setdefault(_language(manifest), []).append(manifest["set"])
    lines = [
        f"<li>{language}: "
        + ", ".join(f'<a href="#{html.escape(n)}">{html.escape(n)}</a>' for n in names)
        + "</li>"
        for language, names in sets.items()
    ]
    return f'<ul class="languages">{"".join(lines)}</ul>\n'


def _language(manifest: dict) -> str:
    code = manifest.get("language", "en")
    return html.escape(LANGUAGE_NAMES.get(code, code))


def _report_item(folder: str, notebook: dict) -> str:
    """A report by its title, linked to the reader's page, its PDF where the manifest records
    one printed, and its one-line result."""
    stem = html.escape(notebook["name"])
    shown = html.escape(notebook.get("title") or notebook["name"])
    pdf = notebook.get("pdf")
    pdf_link = f' (<a href="{folder}/{html.escape(pdf)}">PDF</a>)' if pdf else ""
    headline = html.escape(notebook["headline"])
    return (
        f'<li><a href="{folder}/{stem}.html">{shown}</a>{pdf_link}'
        + (f'<br><span class="headline">{headline}</span>' if headline else "")
        + "</li>"
    )
