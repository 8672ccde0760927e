"""The layout holds: stage packages import only from the data end towards the runner end, the
analysis stages hold no presentation code, each stage states its input and output, no two
modules define a public function of the same name, and notebooks hold no logic of their own."""

import ast
from collections.abc import Iterator

import nbformat
import pytest
from support import source_modules

from helpers.core.paths import NOTEBOOKS

FLOW = (
    "core", "extract", "add", "clean", "trends", "targets", "multiverse", "hindsight", "report",
    "runner",
)  # fmt: skip
ANALYSIS = FLOW[: FLOW.index("report")]
PRESENTATION = (
    "IPython",
    "matplotlib",
    "matplotlib_inline",
    "seaborn",
    "nbconvert",
)  # babel parses too
ENTRY_POINTS = {"build", "write", "load", "parameter_checks", "main"}  # one per stage, by design


def package_of(module: str) -> str:
    """The stage package of a dotted module name under helpers ("" for helpers itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def imported(tree: ast.Module) -> Iterator[str]:
    """Every module an AST imports, including lazy imports inside functions."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            if node.module == "helpers":
                yield from (f"helpers.{alias.name}" for alias in node.names)


def package_imports(trees: dict[str, ast.Module]) -> set[tuple[str, str]]:
    """(importing package, imported package) for each import between two stage packages."""
    edges = set()
    for name, tree in trees.items():
        for target in imported(tree):
            if target.startswith("helpers."):
                source, dest = package_of(name), package_of(target)
                if source and dest and source != dest:
                    edges.add((source, dest))
    return edges


def against_the_flow(edges: set[tuple[str, str]]) -> list[str]:
    """Imports from a later stage (or a package outside the flow) into an earlier one."""
    rank = {package: i for i, package in enumerate(FLOW)}
    return sorted(
        f"{source} imports {dest}"
        for source, dest in edges
        if source not in rank or dest not in rank or rank[dest] > rank[source]
    )


def cycles(edges: set[tuple[str, str]]) -> list[list[str]]:
    """Every cycle of the package graph, each as the packages along it."""
    graph: dict[str, set[str]] = {}
    for source, dest in edges:
        graph.setdefault(source, set()).add(dest)
    found = []

    def visit(node: str, path: list[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt == path[0]:
                found.append([*path, nxt])
            elif nxt not in path and nxt > path[0]:  # each cycle once, from its smallest node
                visit(nxt, [*path, nxt])

    for start in sorted(graph):
        visit(start, [start])
    return found


def test_imports_go_from_the_data_end_to_the_runner_end():
    edges = package_imports(source_modules())
    assert edges, "no import between stage packages found: the parser is broken"
    assert against_the_flow(edges) == []
    assert cycles(edges) == []


def test_the_checks_catch_an_import_against_the_flow_and_a_cycle():
    edges = {("clean", "extract"), ("extract", "report"), ("report", "extract")}
    assert against_the_flow(edges) == ["extract imports report"]
    assert cycles(edges) == [["extract", "report", "extract"]]
    assert against_the_flow({("clean", "plotting")}) == ["clean imports plotting"]


def test_the_parser_sees_lazy_and_package_imports():
    tree = ast.parse(
        "def f():\n    from helpers import clean, report\n    import helpers.runner.run\n"
    )
    assert package_imports({"helpers.trends.models": tree}) == {
        ("trends", "clean"), ("trends", "report"), ("trends", "runner")
    }  # fmt: skip
    assert against_the_flow(package_imports({"helpers.trends.models": tree})) == [
        "trends imports report", "trends imports runner"
    ]  # fmt: skip


def test_the_analysis_stages_hold_no_presentation_code():
    offending = [
        f"{name} imports {target}"
        for name, tree in source_modules().items()
        if package_of(name) in ANALYSIS
        for target in imported(tree)
        if target.split(".")[0] in PRESENTATION
    ]
    assert offending == []


@pytest.mark.parametrize("package", FLOW)
def test_each_stage_package_states_its_input_and_output(package):
    doc = ast.get_docstring(source_modules()[f"helpers.{package}"]) or ""
    assert "Input" in doc and "Output" in doc, f"helpers.{package}: say its input and output"


def test_no_two_modules_define_a_public_function_of_the_same_name():
    owners: dict[str, list[str]] = {}
    for name, tree in source_modules().items():
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                owners.setdefault(node.name, []).append(name)
    repeated = {f: m for f, m in owners.items() if len(m) > 1 and f not in ENTRY_POINTS}
    assert repeated == {}


def notebook_logic(source: str) -> list[str]:
    """Loops, functions and classes in a notebook cell: logic a unit test cannot reach."""
    kinds = (ast.For, ast.While, ast.FunctionDef, ast.Lambda, ast.ClassDef, ast.comprehension)
    return [type(node).__name__ for node in ast.walk(ast.parse(source)) if isinstance(node, kinds)]


def test_notebooks_hold_no_loop_or_function_of_their_own():
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        found = [notebook_logic(c.source) for c in cells if c.cell_type == "code"]
        assert [kinds for kinds in found if kinds] == [], path.name


def test_the_notebook_check_catches_a_loop():
    assert notebook_logic("for x in y:\n    f(x)\n[g(z) for z in w]") == ["For", "comprehension"]
