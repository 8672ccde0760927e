"""The named parameter sets of notebooks/runs.yaml, checked before anything runs.

papermill only logs a warning for a parameter a notebook does not declare; here an unknown
name, a value of the wrong type or outside its allowed values stops the run with the set,
the notebook and the parameter named. `load_runs` reads the sets cheaply, refusing a file that
is not UTF-8, a key given twice, a value listed twice or that is no literal (a YAML date), a
notebook named by a path, a dependency cycle and a set named after a folder the runner keeps;
`check_run_sets` checks the data (an error there is the data file's, not a set's: an empty
register, data/translations.csv against the keys the code names), inspects the notebooks, and
checks the trends' `indicators` and `horizon` on the clean table each set builds, as the
trends stage checks them (`helpers.trends.projection.check_projection_parameters`). It is only
needed for sets whose inputs changed since they last passed it (a no-change run then imports
neither papermill nor pandas).
"""

import ast
import copy
import datetime
import functools
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from helpers.core.paths import DATA, NOTEBOOKS, ROOT

if TYPE_CHECKING:
    from helpers.clean import CleanTable

RUNS = NOTEBOOKS / "runs.yaml"
HELPERS = ROOT / "src" / "helpers"
SET_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
NOTEBOOK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")  # the stem of notebooks/<name>.ipynb
RUNNER_PARAMETERS = ("tables_dir", "figures_dir")  # each set's own report folder
# how a notebook builds the clean table (helpers.clean.Choices)
CLEAN_PARAMETERS = ("units_reading", "prefer_source", "part_years", "as_of", "source_ids")
PROJECTION_PARAMETERS = ("indicators", "models", "horizon", "level")  # the trends stage's
# Folders the runner and the notebooks' defaults keep in reports/ beside the sets' (run.py's
# screenshots, the figures a notebook run in JupyterLab saves, and lab for JupyterLab's own):
# a set of that name would be published over them. _failed, .build and .lock are no set name.
RESERVED = frozenset({"screenshots", "figures", "lab"})
PLAIN = (str, int, float, bool, type(None))  # what a notebook parameter's literal can hold


class RunSetError(ValueError):
    """A run set that cannot run as written."""


class DuplicateKey(yaml.YAMLError):
    """A key given twice in one mapping, which PyYAML would read as the last one, silently."""


class UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's safe loader that refuses a key given twice in one mapping, naming its line."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        keys: list[object] = []
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in keys:
                raise DuplicateKey(f"line {key_node.start_mark.line + 1}: duplicate key {key!r}")
            keys.append(key)
        return super().construct_mapping(node, deep)


@dataclass(frozen=True)
class RunSet:
    """One named run: which notebooks, in dependency order, with which parameters."""

    name: str
    description: str
    notebooks: tuple[str, ...]
    parameters: dict = field(default_factory=dict)
    needs: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def parameters_for(self, notebook: str, declared: set[str]) -> dict:
        """The set's parameters that `notebook` declares, plus the runner's output folders."""
        chosen = {k: v for k, v in self.parameters.items() if k in declared}
        folders = {"tables_dir": "tables", "figures_dir": "figures"}
        return chosen | {k: v for k, v in folders.items() if k in declared}

    @property
    def language(self) -> str:
        return self.parameters.get("lang", "en")


def value_checks(data_dir: Path = DATA) -> dict[str, Callable[[object], None]]:
    """The allowed values of each notebook parameter, as each stage states and checks them."""
    from helpers import clean, report, targets, trends

    checks: dict[str, Callable[[object], None]] = {}
    for stage in (clean, trends, targets, report):
        checks |= stage.parameter_checks(data_dir)
    return checks


def declared_parameters(notebook: Path) -> dict[str, object]:
    """The parameters a notebook's `parameters` cell declares, with their default values."""
    stat = notebook.stat()
    return copy.deepcopy(dict(_declared(str(notebook), stat.st_mtime_ns, stat.st_size)))


@functools.cache
def _declared(notebook: str, mtime_ns: int, size: int) -> tuple[tuple[str, object], ...]:
    """The assignments of the first cell tagged `parameters`, as papermill reads them (its
    `inspect_notebook`), once per version of the file; read with ast, so that checking a run
    does not import papermill. RunSetError for a statement that is not `name = literal`."""
    cells = json.loads(Path(notebook).read_text(encoding="utf-8")).get("cells", [])
    tagged = (c for c in cells if "parameters" in c.get("metadata", {}).get("tags", []))
    cell = next(tagged, None)
    if cell is None:
        return ()
    source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
    return tuple(_assigned(Path(notebook).name, s) for s in ast.parse(source).body)


def _assigned(notebook: str, statement: ast.stmt) -> tuple[str, object]:
    """A parameters cell's `name = literal` (or `name: type = literal`) as (name, value)."""
    target = None
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target = statement.targets[0]
    elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
        target = statement.target
    where = f"{notebook}: parameters cell, line {statement.lineno}"
    if not isinstance(target, ast.Name):
        raise RunSetError(f"{where}: expected name = value")
    try:
        return target.id, ast.literal_eval(statement.value)
    except ValueError:
        raise RunSetError(f"{where}: the value of {target.id} is not a literal") from None


def load_runs(path: Path = RUNS, folder: Path = NOTEBOOKS) -> list[RunSet]:
    """Read every set of runs.yaml; RunSetError names what is wrong and where."""
    try:
        data = path.read_bytes()
        spec = yaml.load(data.decode("utf-8"), Loader=UniqueKeyLoader)
    except UnicodeDecodeError as error:
        raise RunSetError(
            f"{path.name}: not UTF-8 (byte {error.start} of {len(data)}); save it as UTF-8"
        ) from None
    except DuplicateKey as error:
        raise RunSetError(
            f"{path.name} {error}; a key may appear only once in its mapping"
        ) from None
    except (OSError, yaml.YAMLError) as error:
        raise RunSetError(f"{path.name}: cannot be read ({error})") from None
    if not isinstance(spec, dict) or not isinstance(spec.get("sets"), dict):
        raise RunSetError(f"{path.name}: expected the keys 'notebooks' and 'sets'")
    listed = spec.get("notebooks") or {}
    if not isinstance(listed, dict) or not all(isinstance(d, list | None) for d in listed.values()):
        raise RunSetError(f"{path.name}: notebooks must map each notebook to the ones it reads")
    needs = {name: tuple(deps or ()) for name, deps in listed.items()}
    for name in [*needs, *(dependency for deps in needs.values() for dependency in deps)]:
        _check_notebook_name(f"{path.name}: notebooks:", name)
    for name in needs:
        if not (folder / f"{name}.ipynb").is_file():
            raise RunSetError(f"{path.name}: notebook '{name}' is not in notebooks/")
    _check_no_cycle(path.name, needs)
    return [_run_set(path.name, name, body, needs) for name, body in spec["sets"].items()]


def _check_no_cycle(where: str, needs: dict[str, tuple[str, ...]]) -> None:
    """RunSetError naming the first dependency cycle of the notebooks map: no notebook of a
    cycle would ever be ready, so its sets would run nothing and say nothing."""
    finished: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            cycle = path[path.index(name) :] + [name]
            reads = f"{cycle[0]} reads {cycle[1]}" + "".join(
                f", which reads {n}" for n in cycle[2:]
            )
            raise RunSetError(
                f"{where}: notebooks: a dependency cycle: {reads}; a notebook cannot run after "
                "itself"
            )
        if name not in finished:
            for dependency in needs.get(name, ()):
                visit(dependency, [*path, name])
            finished.add(name)

    for name in needs:
        visit(name, [])


def check_run_sets(
    sets: list[RunSet], folder: Path = NOTEBOOKS, data_dir: Path = DATA, where: str = RUNS.name
) -> None:
    """Check the data, then each set's parameters against its notebooks' `parameters` cells
    and, for the trends, against the clean table the set's notebooks load."""
    if not sets:
        return
    built = _clean_table(data_dir)  # the data's own errors first: they are no set's fault
    _check_translations(data_dir, folder)
    tables = functools.cache(built.under)  # as notebooks 02 and 03 load it: one per choice
    notebooks = {n for s in sets for n in s.notebooks}
    declared = {n: declared_parameters(folder / f"{n}.ipynb") for n in sorted(notebooks)}
    checks = value_checks(data_dir)
    for run_set in sets:
        context = f"{where}: set '{run_set.name}'"
        for parameter, value in run_set.parameters.items():
            _check_parameter(context, run_set.notebooks, parameter, value, declared, checks)
        for notebook in run_set.notebooks:
            values = declared[notebook] | run_set.parameters_for(notebook, set(declared[notebook]))
            if set(PROJECTION_PARAMETERS) <= set(values):
                _check_projection(f"{context}, notebook '{notebook}'", values, tables)


def _clean_table(data_dir: Path) -> "CleanTable":
    """The clean table a run builds, or RunSetError with the data's own message (file, line),
    or saying the register is empty."""
    from helpers import clean

    try:
        built = clean.build(data_dir)
    except (ValueError, FileNotFoundError) as error:
        raise RunSetError(str(error)) from None
    if built.figures.empty:  # every set's trends would then refuse every indicator
        raise RunSetError(
            "data/register.csv holds no figure: there is nothing to clean, project or assess; "
            "add an article (make add FILE=...) and accept its rows, or register them by hand"
        )
    return built


def _check_translations(data_dir: Path, folder: Path) -> None:
    """RunSetError for a row of data/translations.csv the reports cannot use (a key given
    twice, a text missing; file, line and key named) or a key the code or a notebook asks for
    that has no row: each would otherwise fail inside a notebook, half way through a run."""
    from helpers.report.language import load_translations

    try:
        known = load_translations(data_dir / "translations.csv")
    except ValueError as error:  # its messages open with the file's name
        raise RunSetError(f"data/{error}") from None
    for key, where in used_text_keys(folder).items():
        if key not in known:
            raise RunSetError(
                f"data/translations.csv: no row for key {key!r}, which {where} shows; add it "
                "with its English and Indonesian texts"
            )


def used_text_keys(folder: Path = NOTEBOOKS) -> dict[str, str]:
    """Each key of data/translations.csv that the helpers or the notebooks of `folder` name
    as such, with the first place that does: `text("key", ...)`, and `shown(table, "caption",
    ...)` for `caption.<caption>` (a key made at run time, such as `column.<name>`, is not
    seen here)."""
    keys: dict[str, str] = {}
    for path in [*sorted(HELPERS.rglob("*.py")), *sorted(folder.glob("*.ipynb"))]:
        stat = path.stat()
        for key, line in _keys_in(str(path), stat.st_mtime_ns, stat.st_size):
            where = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
            keys.setdefault(key, where + (f" line {line}" if line else ""))
    return keys


@functools.cache
def _keys_in(path: str, mtime_ns: int, size: int) -> tuple[tuple[str, int], ...]:
    """The keys a module or a notebook's code cells name (`_text_key`), with the line of a
    module's, once per version of the file (the pre-run check reads some fifty files)."""
    if path.endswith(".py"):
        sources = [Path(path).read_text(encoding="utf-8")]
    else:
        cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])
        code = [c["source"] for c in cells if c.get("cell_type") == "code"]
        sources = [s if isinstance(s, str) else "".join(s) for s in code]
    found = []
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:  # a cell with IPython's own syntax: nothing read from it
            continue
        for node in ast.walk(tree):
            key = _text_key(node)
            if key is not None:
                found.append((key, node.lineno if path.endswith(".py") else 0))
    return tuple(found)


def _text_key(node: ast.AST) -> str | None:
    """The translations key a call names literally: text("key") or shown(x, "caption")."""
    if not isinstance(node, ast.Call):
        return None
    name = getattr(node.func, "attr", getattr(node.func, "id", None))
    position, prefix = {"text": (0, ""), "shown": (1, "caption.")}.get(name, (-1, ""))
    if 0 <= position < len(node.args):
        argument = node.args[position]
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            return prefix + argument.value
    return None


def _check_projection(context: str, values: dict, tables: Callable[..., "CleanTable"]) -> None:
    """The trends stage's own check of a notebook's indicators and horizon, on the clean table
    under its reading and policy."""
    from helpers.trends.projection import check_projection_parameters

    chosen = {p: values[p] for p in CLEAN_PARAMETERS if p in values}
    table = tables(**{p: tuple(v) if isinstance(v, list) else v for p, v in chosen.items()})
    try:
        check_projection_parameters(table, *(values[p] for p in PROJECTION_PARAMETERS))
    except ValueError as error:
        raise RunSetError(f"{context}: {error}") from None


def _run_set(where: str, name: object, body: dict | None, needs: dict) -> RunSet:
    context = f"{where}: set '{name}'"
    if not isinstance(name, str) or not SET_NAME.fullmatch(name):
        raise RunSetError(f"{context}: a set name is lowercase letters, digits and '-'")
    if name in RESERVED:
        raise RunSetError(
            f"{context}: the name is the runner's own folder reports/{name}/; choose another"
        )
    body = body or {}
    unknown_keys = set(body) - {"description", "notebooks", "parameters"}
    if unknown_keys:
        raise RunSetError(f"{context}: unknown keys {sorted(unknown_keys)}")
    notebooks = list(body.get("notebooks") or [])
    if not notebooks:
        raise RunSetError(f"{context}: lists no notebooks")
    for notebook in notebooks:
        _check_notebook_name(f"{context}: notebook", notebook)
        if notebook not in needs:
            raise RunSetError(f"{context}: unknown notebook '{notebook}'; known: {list(needs)}")
        for dependency in needs[notebook]:
            if dependency not in notebooks:
                raise RunSetError(
                    f"{context}: notebook '{notebook}' reads the tables of '{dependency}', "
                    "which the set does not run; add it to the set"
                )
    parameters = body.get("parameters") or {}
    if not isinstance(parameters, dict):
        raise RunSetError(f"{context}: parameters must be a mapping of name: value")
    for parameter, values in parameters.items():
        _check_plain(context, parameter, values)
        for i, value in enumerate(values if isinstance(values, list) else []):
            if value in values[:i]:
                raise RunSetError(
                    f"{context}: parameter '{parameter}' lists {value!r} more than once"
                )
    ordered = tuple(n for n in needs if n in notebooks)  # runs.yaml lists them in data flow
    return RunSet(
        name, str(body.get("description", "")), ordered, parameters, {n: needs[n] for n in ordered}
    )


def _check_plain(context: str, parameter: str, value: object) -> None:
    """RunSetError unless a value is what a notebook's literal can be: text, a number, true or
    false, or lists and mappings of them. YAML reads `2020-01-01` as a date, which no parameter
    takes and the inputs hash cannot record."""
    if isinstance(value, dict):
        value = [*value, *value.values()]
    if isinstance(value, list):
        for item in value:
            _check_plain(context, parameter, item)
    elif not isinstance(value, PLAIN):
        kinds = {datetime.datetime: "a date and time", datetime.date: "a date"}
        kind = kinds.get(type(value), f"a {type(value).__name__}")
        raise RunSetError(
            f"{context}: parameter {parameter!r} is {value} ({kind}), which no notebook "
            "parameter takes; quote it if it is meant as text"
        )


def _check_notebook_name(where: str, name: object) -> None:
    """A notebook is named by the stem of its file in notebooks/, never by a path."""
    if not (isinstance(name, str) and NOTEBOOK_NAME.fullmatch(name)):
        raise RunSetError(
            f"{where} {name!r} must be the plain name of a file notebooks/<name>.ipynb "
            "(letters, digits, '-', '_')"
        )


def _check_parameter(context, notebooks, parameter, value, declared, checks) -> None:
    if parameter in RUNNER_PARAMETERS:
        raise RunSetError(f"{context}: parameter '{parameter}' is set by the runner")
    owners = [n for n in notebooks if parameter in declared[n]]
    if not owners:
        raise RunSetError(
            f"{context}: parameter '{parameter}' is not declared by any of its notebooks "
            f"({', '.join(notebooks)})"
        )
    for notebook in owners:
        default = declared[notebook][parameter]
        if not _same_type(value, default):
            raise RunSetError(
                f"{context}, notebook '{notebook}': parameter '{parameter}'={value!r} should be "
                f"a {type(default).__name__} like its default {default!r}"
            )
        if parameter in checks:
            try:
                checks[parameter](value)
            except ValueError as error:
                raise RunSetError(f"{context}, notebook '{notebook}': {error}") from None


def _same_type(value: object, default: object) -> bool:
    """Whether `value` can stand where the notebook's default stands (an int for a float; text
    or None for a default of None, "none of them"; a list of text for an empty list)."""
    if isinstance(default, bool) or isinstance(value, bool):
        return type(value) is type(default)
    if isinstance(default, float):
        return isinstance(value, int | float)
    if default is None:
        return value is None or isinstance(value, str)
    if isinstance(default, list):
        kinds = {type(item) for item in default} or {str}
        return isinstance(value, list) and all(type(item) in kinds for item in value)
    return type(value) is type(default)


def inputs_hash(run_set: RunSet, root: Path = ROOT) -> str:
    """A digest of everything a set's reports depend on: its notebooks, their dependencies,
    its parameters and description (the index shows it), the data (not the outputs in
    data/processed/), the helpers and the locked dependencies."""
    digest = hashlib.sha256()
    spec = {
        "notebooks": run_set.notebooks,
        "needs": run_set.needs,
        "parameters": run_set.parameters,
        "description": run_set.description,
    }
    digest.update(json.dumps(spec, sort_keys=True, ensure_ascii=False).encode())
    for path in _input_files(run_set, root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        with path.open("rb") as file:  # in chunks: an oversized raw file is refused, not read
            digest.update(hashlib.file_digest(file, "sha256").digest())
    return digest.hexdigest()


def _input_files(run_set: RunSet, root: Path) -> list[Path]:
    notebooks = [root / "notebooks" / f"{name}.ipynb" for name in run_set.notebooks]
    data = [p for p in (root / "data").rglob("*") if "processed" not in p.parts]
    helpers = [p for p in (root / "src" / "helpers").rglob("*") if "__pycache__" not in p.parts]
    files = [*notebooks, *data, *helpers, root / "requirements.lock"]
    return sorted(p for p in files if p.is_file())
