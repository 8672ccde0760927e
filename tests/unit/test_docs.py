"""The documentation names modules that exist: every `helpers.<module>` in the README,
CONTRIBUTING.md, the developers' page (docs/developers.md), data/README.md and the run sets'
comments, every `python -m helpers...` command, and every bracketed module of the developers'
page; the readers' methodology, in each language, names none (a reader never sees Python)."""

import ast
import re

import pytest
from support import source_modules

from helpers.core.paths import ROOT

DOCS = [
    "README.md",
    "CONTRIBUTING.md",
    "docs/developers.md",
    "data/README.md",
    "notebooks/runs.yaml",
]
NAMED = re.compile(r"\bhelpers(?:\.[A-Za-z_]+)+")
BRACKETED = re.compile(r"\[`([a-z_.]+)`")  # methodology: "[`extract.register`]"


def resolves(dotted: str) -> bool:
    """Whether a dotted name is a module of helpers, or a name its source defines: read, not
    imported, as importing every module would load matplotlib, nbconvert and papermill."""
    parts, modules = dotted.split("."), source_modules()
    for end in range(len(parts), 0, -1):
        module = ".".join(parts[:end])
        if module in modules:
            return not parts[end:] or defines(modules[module].body, parts[end:])
    return False


def defines(body: list[ast.stmt], names: list[str]) -> bool:
    """Whether statements bind the first of `names` (a def, class, assignment or import), and
    the class it names the rest."""
    first, *rest = names
    for node in body:
        if isinstance(node, ast.ClassDef) and node.name == first:
            return not rest or defines(node.body, rest)
        if first in bound(node):
            return not rest
    return False


def bound(node: ast.stmt) -> set[str]:
    """The names a top-level statement binds."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {node.name}
    if isinstance(node, ast.Assign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return {n.id for target in targets for n in ast.walk(target) if isinstance(n, ast.Name)}
    if isinstance(node, ast.Import | ast.ImportFrom):
        return {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    return set()


def named_in(text: str) -> set[str]:
    return set(NAMED.findall(text))


@pytest.mark.parametrize("doc", DOCS)
def test_every_module_a_document_names_exists(doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    assert [name for name in sorted(named_in(text)) if not resolves(name)] == []


def test_every_module_of_the_developers_page_exists():
    text = (ROOT / "docs" / "developers.md").read_text(encoding="utf-8")
    found = BRACKETED.findall(text)
    assert found, "the developers' page names no module"
    assert [m for m in found if not resolves(f"helpers.{m}")] == []


@pytest.mark.parametrize("page", ["methodology.md", "methodology.id.md"])
def test_the_readers_methodology_names_no_code_path_or_cache(page):
    """Module names, paths and the cache are for developers: the methodology every report
    links to named `extract.cache`, `.cache/` and `data/processed/conflicts.csv`."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    code = re.findall(r"`[^`]+`|\bhelpers\.|\w+/\w+\.(?:csv|py|md)\b|\.cache\b|\b\w+_\w+\b", text)
    assert code == []


def test_an_old_module_name_is_caught():
    assert named_in("see `helpers.pipeline` and helpers.trends.MODELS.") == {
        "helpers.pipeline",
        "helpers.trends.MODELS",
    }
    assert not resolves("helpers.pipeline")
    assert not resolves("helpers.trends.MODELS")
    assert resolves("helpers.trends.models.MODELS")
    assert resolves("helpers.clean.table.CleanTable.under")
    assert not resolves("helpers.clean.table.CleanTable.over")
    assert not resolves("helpers.trends.models.MODELS.linear")  # a list binds no names
