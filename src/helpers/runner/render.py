"""Rendered reports for readers who never open Python: HTML that works offline.

nbconvert's lab template loads require.js, MathJax and mermaid from a CDN; the `offline`
template here drops those scripts (the notebooks need none: figures are inline SVG) and
adds a footer linking the report index and the methodology.
"""

import functools
import html
import json
from pathlib import Path
from typing import TYPE_CHECKING

import mistune

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
@page { size: A4; margin: 18mm 15mm;
        @bottom-center { content: counter(page) " / " counter(pages); font: 9pt sans-serif; } }
@media print {
  body { max-width: none; margin: 0; padding: 0; color: #000; font-size: 10pt; }
  a { color: #000; }
  ul.languages { display: none; }
  .scroll { overflow: visible; }
  table { width: 100%; font-size: 8.5pt; }
  th, td { overflow-wrap: anywhere; }
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


def render_notebook(notebook: "NotebookNode", target: Path, reader: bool, lang: str = "en") -> None:
    """Write `notebook` as self-contained HTML; the reader's version hides the code. The page
    says its language (`<html lang=..>`), for browsers, screen readers and translators."""
    exporter = _exporter(reader)
    exporter.language_code = lang
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": target.stem}})
    target.write_text(body, encoding="utf-8")


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


def page(title: str, body: str) -> str:
    """A minimal standalone HTML page with the reports' style, for print (A4, page numbers) and
    for phones (a wide table scrolls in its own box)."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{PAGE_STYLE}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def methodology_page(markdown: str) -> str:
    """docs/methodology.md as a standalone page the reports link to."""
    return page("Methodology", mistune.html(markdown))


def index_page(manifests: list[dict], failed: dict[str, str]) -> str:
    """The report index: every run set, its parameters, one headline per notebook, links."""
    rows = []
    for manifest in manifests:
        name = manifest["set"]
        parameters = json.dumps(manifest["parameters"], ensure_ascii=False) or "{}"
        notebooks = "".join(_notebook_item(name, nb) for nb in manifest["notebooks"])
        status = (
            f'<p class="failed">Last run failed: {html.escape(failed[name])}</p>'
            if (name in failed)
            else ""
        )
        rows.append(
            f'<tr id="{html.escape(name)}"><td><strong>{html.escape(name)}</strong><br>'
            f"{html.escape(manifest['description'])}{status}</td>"
            f"<td>{_language(manifest)}</td>"
            f"<td><code>{html.escape(parameters)}</code></td><td><ul>{notebooks}</ul></td></tr>"
        )
    missing = "".join(
        f"<li>{html.escape(n)}: {html.escape(e)}</li>"
        for n, e in failed.items()
        if n not in {m["set"] for m in manifests}
    )
    body = (
        "<h1>IKM workspace: reports</h1>\n"
        "<p>Each run set executes the notebooks with its own parameters. The reader's report "
        "hides the code; the full report shows it. "
        '<a href="methodology.html">Methodology</a>.</p>\n'
        + _by_language(manifests)
        + '<div class="scroll"><table>\n<thead><tr><th>run set</th><th>language</th>'
        "<th>parameters</th>"
        "<th>notebooks: result in one line</th></tr></thead>\n"
        + "\n".join(rows)
        + "\n</table></div>\n"
        + (f"<h2>Sets without a good report</h2><ul>{missing}</ul>\n" if missing else "")
    )
    return page("IKM workspace: reports", body)


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


def _notebook_item(set_name: str, notebook: dict) -> str:
    """A notebook's headline and links; its PDF only where the manifest records one printed."""
    stem = html.escape(notebook["name"])
    folder = html.escape(set_name)
    pdf = notebook.get("pdf")
    pdf_link = f' (<a href="{folder}/{html.escape(pdf)}">PDF</a>)' if pdf else ""
    return (
        f"<li><strong>{stem}</strong>: {html.escape(notebook['headline'])}<br>"
        f'<a href="{folder}/{stem}.html">reader\'s report</a>{pdf_link} &middot; '
        f'<a href="{folder}/{stem}.full.html">full report with code</a> &middot; '
        f'<a href="{folder}/{stem}.ipynb">notebook</a></li>'
    )
