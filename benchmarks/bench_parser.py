"""Benchmark: the parser's speed, and a clean-table build with 10,000 articles, cached or not.

Prints measurements; no pass/fail (targets live here, not in timed tests). Times are CPU
seconds of this one process (one core), so other work on the machine disturbs them less.
Targets (issue 13): the parser (normalise and find every figure) reads news text at 5 MB/s
or more on one core; with 10,000 articles in data/raw/, a build of the clean table with
nothing new takes at most 2 s more than with the two seed articles, and one new article
adds well under a second. The articles are generated (tests/corpus.py) into a temporary
folder, once with their register rows (the build then also checks and frames 60,000 quotes)
and once without (articles added, none reviewed yet).

Notebook 01 itself is timed the same way, with two articles and with 10,000: its code cells run
in this process as its kernel would run them, each cell's value rendered as Jupyter renders it
(`notebook_01`). The notebook reads the workspace's data/ and has no parameter for another data
folder, so its call of `clean.build` is pointed at the generated one; starting a kernel and
papermill, the same for any number of articles, are left out.
"""

import ast
import csv
import functools
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import ftfy
from IPython.core.formatters import DisplayFormatter

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from corpus import article, corpus, write_workspace  # noqa: E402

from helpers import clean  # noqa: E402
from helpers.core.paths import DATA, NOTEBOOKS  # noqa: E402
from helpers.extract.figures import normalised_texts  # noqa: E402
from helpers.extract.normalise import normalise  # noqa: E402
from helpers.extract.quantities import LANGUAGES, _scan, find_quantities  # noqa: E402
from helpers.extract.sources import load_sources  # noqa: E402


def cpu(work, repeat: int = 3) -> float:
    """The least CPU time of `repeat` runs of work()."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def rate(label: str, size: int, seconds: float) -> None:
    print(f"  {label:<46} {size / seconds / 1e6:7.2f} MB/s")


def parser_speed() -> None:
    seeds = list(normalised_texts(DATA, load_sources(DATA)).values())
    raws = [(DATA / "raw" / f"{s}.txt").read_text(encoding="utf-8") for s in ("antara-2017-ikm",)]
    raws += [(DATA / "raw" / "republika-2017-12-28-ikm.txt").read_text(encoding="utf-8")]
    generated = corpus(1500, seed=99)
    sets = {
        "the two seed articles": (raws, seeds, ["id", "id"]),
        "1,500 generated articles": (
            [a.text for a in generated],
            [normalise(a.text) for a in generated],
            [a.language for a in generated],
        ),
    }
    for name, (raw, texts, langs) in sets.items():
        speeds(name, raw, texts, langs)


def speeds(name: str, raw: list[str], texts: list[str], langs: list[str]) -> None:
    """MB/s of the parser and its parts on these texts, and of the methods before it."""
    size = sum(len(t.encode()) for t in raw)
    repeat = max(1, 2_000_000 // size)
    print(f"parser on {name} ({size / 1e3:.0f} kB, read {repeat} times), one core:")
    pairs = list(zip(texts, langs, strict=True)) * repeat
    whole = cpu(lambda: [normalise(t) for t in raw * repeat])
    find = cpu(lambda: [find_quantities(t, c) for t, c in pairs])
    rate("normalise + find_quantities (the parser)", size * repeat, whole + find)
    rate("  normalise", size * repeat, whole)
    rate("  find_quantities", size * repeat, find)
    plain = cpu(lambda: [ftfy.fix_text(t, uncurl_quotes=True, normalization="NFC") for t in raw], 1)
    every = cpu(lambda: [_scan(t, LANGUAGES[c], strict=False, bare=False) for t, c in pairs], 1)
    rate("  before: ftfy on the whole text", size, plain)
    rate("  before: a figure tried at every token", size * repeat, every)


def build_and_write(data: Path) -> None:
    clean.write(clean.build(data), data / "processed", data)


def notebook_01(data: Path, tables: Path) -> None:
    """Notebook 01's code cells run here as its kernel runs them (the parameters cell, then
    `tables_dir` set to `tables`, as papermill sets it), each cell's last value rendered by
    IPython's display formatter, with `clean.build` reading the data folder `data`."""
    notebook = json.loads((NOTEBOOKS / "01-clean-figures.ipynb").read_text(encoding="utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    parameters, *cells = ["".join(cell["source"]) for cell in code]
    namespace: dict = {}
    run_cells([parameters], namespace)
    namespace["tables_dir"] = str(tables)
    build = clean.build
    clean.build = functools.partial(build, data)
    try:
        run_cells(cells, namespace)
    finally:
        clean.build = build


def run_cells(cells: list[str], namespace: dict) -> None:
    """Execute cells in `namespace`, rendering each one's last expression as Jupyter does."""
    formatter = DisplayFormatter()
    for source in cells:
        tree = ast.parse(source)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, "<cell>", "exec"), namespace)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)
            if value is not None:
                formatter.format(value)


def add_one(data: Path, number: int) -> None:
    """An article more in raw/ and sources.csv (no register rows: new, not yet reviewed)."""
    import random

    new = article(random.Random(number), number)
    (data / "raw" / f"{new.source_id}.txt").write_bytes(new.raw)
    sha = hashlib.sha256(new.raw).hexdigest()
    with open(data / "sources.csv", "a", newline="", encoding="utf-8") as handle:
        row = [new.source_id, new.publisher, new.title, "", new.published, new.language, sha]
        csv.writer(handle, lineterminator="\n").writerow(row)


def many_articles(count: int = 10_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        os.environ["IKM_CACHE_DIR"] = str(root / "cache")
        seeds = root / "seeds" / "data"
        shutil.copytree(DATA, seeds)
        articles = corpus(count)
        data = write_workspace(root / "many", articles)
        size = sum(len(a.raw) for a in articles)
        rows = sum(len(a.truth) for a in articles)
        print(
            f"clean-table build and write, {count:,} articles ({size / 1e6:.1f} MB, "
            f"{rows:,} register rows):"
        )
        build_and_write(seeds)
        two = cpu(lambda: build_and_write(seeds))
        print(f"  two seed articles, cached                      {two:7.2f} s")
        notebook_two = cpu(lambda: notebook_01(seeds, root / "seeds" / "tables"))
        start = time.process_time()
        build_and_write(data)
        cold = time.process_time() - start
        print(f"  {count:,} articles, nothing cached (every one parsed) {cold:7.2f} s")
        warm = cpu(lambda: build_and_write(data))
        print(
            f"  {count:,} articles, nothing new (all cached)     {warm:7.2f} s  "
            f"({warm - two:+.2f} s)"
        )
        notebook_many = cpu(lambda: notebook_01(data, root / "many" / "tables"))
        print(f"  notebook 01's cells, two seed articles, cached {notebook_two:7.2f} s")
        print(
            f"  notebook 01's cells, {count:,} articles, cached  {notebook_many:7.2f} s  "
            f"({notebook_many - notebook_two:+.2f} s)"
        )
        add_one(data, count)
        start = time.process_time()
        build_and_write(data)
        one = time.process_time() - start
        print(
            f"  {count:,} + 1 new article                       {one:7.2f} s  ({one - warm:+.2f} s)"
        )
        bare = write_workspace(root / "unregistered", articles, register=False)
        build_and_write(bare)  # the texts are cached already: same checksums
        unregistered = cpu(lambda: build_and_write(bare))
        print(
            f"  {count:,} articles, no register rows, cached    {unregistered:7.2f} s  "
            f"({unregistered - two:+.2f} s)"
        )


if __name__ == "__main__":
    parser_speed()
    many_articles(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
