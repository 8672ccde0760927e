"""The documentation names modules that exist: every `helpers.<module>` in the README,
CONTRIBUTING.md, docs/methodology.md, data/README.md and the run sets' comments, every
`python -m helpers...` command, and every bracketed module of the methodology page."""

import importlib.util
import re

import pytest

from helpers.core.paths import ROOT

DOCS = [
    "README.md",
    "CONTRIBUTING.md",
    "docs/methodology.md",
    "data/README.md",
    "notebooks/runs.yaml",
]
NAMED = re.compile(r"\bhelpers(?:\.[A-Za-z_]+)+")
BRACKETED = re.compile(r"\[`([a-z_.]+)`")  # methodology: "[`extract.register`]"


def resolves(dotted: str) -> bool:
    """Whether a dotted name is a module of helpers, or an attribute of one."""
    parts = dotted.split(".")
    for end in range(len(parts), 1, -1):
        module = ".".join(parts[:end])
        try:
            found = importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:  # a name under a module, not a package
            found = False
        if found:
            obj = importlib.import_module(module)
            for attribute in parts[end:]:
                if not hasattr(obj, attribute):
                    return False
                obj = getattr(obj, attribute)
            return True
    return False


def named_in(text: str) -> set[str]:
    return set(NAMED.findall(text))


@pytest.mark.parametrize("doc", DOCS)
def test_every_module_a_document_names_exists(doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    assert [name for name in sorted(named_in(text)) if not resolves(name)] == []


def test_every_module_of_the_methodology_page_exists():
    text = (ROOT / "docs" / "methodology.md").read_text(encoding="utf-8")
    found = BRACKETED.findall(text)
    assert found, "the methodology names no module"
    assert [m for m in found if not resolves(f"helpers.{m}")] == []


def test_an_old_module_name_is_caught():
    assert named_in("see `helpers.pipeline` and helpers.trends.MODELS.") == {
        "helpers.pipeline",
        "helpers.trends.MODELS",
    }
    assert not resolves("helpers.pipeline")
    assert not resolves("helpers.trends.MODELS")
    assert resolves("helpers.trends.models.MODELS")
