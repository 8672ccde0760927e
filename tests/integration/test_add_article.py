"""The whole flow of a new article, as a researcher runs it: `python -m helpers.add` (no
terminal) on a copy of the workspace's data, `accept`, then the clean table, where the new
figures arrive and a revised figure shows as a conflict."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import yaml
from corpus import corpus
from support import rebuild

from helpers import clean
from helpers.add import article, review
from helpers.core.paths import ROOT
from helpers.extract.sources import load_sources

REVISION = (
    "Selasa 6 Maret 2018 10:15 WIB\n"
    "Kemenperin Perbarui Data Industri Kecil Menengah\n"
    "KONTAN.CO.ID - JAKARTA. Kementerian Perindustrian memperbarui data IKM. Kemenperin "
    "mencatat, jumlah IKM tumbuh mencapai 171.250 unit pada tahun 2016 atau meningkat 4,8 "
    "persen dibandingkan tahun 2015. Pada 2018, jumlah IKM ditargetkan mencapai 190.000 unit.\n"
)


def command(*args: str, data) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "helpers.add", *args, "--data", str(data)],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_an_added_article_s_accepted_rows_reach_the_clean_table(data_dir, tmp_path):
    english = next(a for a in corpus(30, seed=21) if a.language == "en" and len(a.truth) >= 3)
    release = tmp_path / "kemenperin-release.txt"
    release.write_bytes(english.raw)
    revision = tmp_path / "kontan-2018-03-06-ikm.txt"
    revision.write_text(REVISION, encoding="utf-8")

    for path in (release, revision):
        added = command(str(path), data=data_dir)
        assert added.returncode == 0, added.stderr
        assert (data_dir / "raw" / path.name).read_bytes() == path.read_bytes()
    sources = load_sources(data_dir).set_index("source_id")
    assert sources.loc["kontan-2018-03-06-ikm"].published == "2018-03-06"
    assert sources.loc["kemenperin-release"].language == "en"

    before = rebuild(data_dir)  # proposals alone change nothing
    figures = pd.read_csv(data_dir / "processed" / "figures.csv")
    assert not figures.source_id.isin(["kemenperin-release", "kontan-2018-03-06-ikm"]).any()
    assert before

    for source_id in ("kemenperin-release", "kontan-2018-03-06-ikm"):
        accepted = command("accept", source_id, "--all", data=data_dir)
        assert accepted.returncode == 0, accepted.stderr
    rebuild(data_dir)
    figures = pd.read_csv(data_dir / "processed" / "figures.csv")
    stated = figures[figures.kind != "derived"]
    release_rows = stated[stated.source_id == "kemenperin-release"]
    expected = {(t.indicator, t.period, t.kind, t.value) for t in english.truth}
    got = set(release_rows[["indicator", "period", "kind", "value"]].itertuples(index=False))
    assert got == expected
    revised = stated[stated.source_id == "kontan-2018-03-06-ikm"]
    assert set(revised[["indicator", "period", "kind", "value"]].itertuples(index=False)) == {
        ("ikm_units", 2016, "actual", 171250.0),
        ("ikm_units_growth", 2016, "actual", 4.8),
        ("ikm_units", 2018, "target", 190000.0),
    }
    conflicts = pd.read_csv(data_dir / "processed" / "conflicts.csv")
    units_2016 = conflicts[(conflicts.indicator == "ikm_units") & (conflicts.period == 2016)]
    assert set(units_2016.source_id) == {"antara-2017-ikm", "kontan-2018-03-06-ikm"}
    assert units_2016.set_index("source_id").used.to_dict() == {
        "antara-2017-ikm": False,
        "kontan-2018-03-06-ikm": True,  # as exact and as precise: the latest published wins
    }


def test_without_a_terminal_the_command_names_the_missing_option(data_dir, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Jumlah IKM mencapai 165.983 unit pada 2016 di Jakarta dan sekitarnya.\n")
    result = command(str(note), data=data_dir)
    assert result.returncode == 2
    assert "give --publisher" in result.stderr
    assert not (data_dir / "raw" / "note.txt").exists()
    assert not (data_dir / "proposals").exists()


def test_a_further_real_publication_added_and_accepted_still_publishes(tmp_path):
    """Issue 27's last condition, on a private copy of the workspace: the latest publication of
    the record is taken out (its text, sources row and register rows), then added back as a
    researcher adds a new one (no terminal, the options of its row where the text does not
    say them), its proposals accepted, and the runner publishes the targets notebook (where
    the record's real series once stopped every run) on the record that now holds it."""
    workspace = tmp_path / "workspace"
    for part in ("src/helpers", "data", "notebooks"):
        shutil.copytree(ROOT / part, workspace / part, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "requirements.lock"):  # the version each report states
        shutil.copy(ROOT / name, workspace / name)
    data = workspace / "data"
    sources = pd.read_csv(data / "sources.csv", dtype=str, keep_default_na=False)
    latest = sources.loc[sources.published.idxmax()]
    text = tmp_path / f"{latest.source_id}.txt"
    (data / "raw" / text.name).rename(text)
    sources[sources.source_id != latest.source_id].to_csv(data / "sources.csv", index=False)
    register = pd.read_csv(data / "register.csv", dtype=str, keep_default_na=False)
    held = register[register.source_id == latest.source_id]
    assert len(held) >= 2  # a publication with figures to bring back
    register.drop(held.index).to_csv(data / "register.csv", index=False)

    given = {f: latest[f] for f in ("publisher", "published", "title", "language", "url")}
    article.write(article.build(text, data, given), data)  # as `make add` does
    review.accept_rows(data, latest.source_id, every=True)
    back = pd.read_csv(data / "register.csv", dtype=str, keep_default_na=False)
    back = back[back.source_id == latest.source_id]
    assert set(zip(back.indicator, back.period, back.kind, strict=True)) == set(
        zip(held.indicator, held.period, held.kind, strict=True)
    )  # the proposals found every row the researcher had registered, and no other
    stated = clean.build(data).figures
    assert (stated.source_id == latest.source_id).sum() == len(held)

    runs = workspace / "runs.yaml"
    spec = {"notebooks": {"03-targets": []}, "sets": {"t": {"notebooks": ["03-targets"]}}}
    runs.write_text(yaml.safe_dump(spec), encoding="utf-8")
    environment = os.environ | {  # HTML alone: the PDFs are test_pdf's
        "PYTHONPATH": str(workspace / "src"), "PATH": str(Path(sys.executable).parent),
        "CHROMIUM": "",
    }  # fmt: skip
    published = subprocess.run(
        [sys.executable, "-m", "helpers.runner", "--runs", str(runs), "--reports",
         str(workspace / "reports")],
        cwd=workspace, env=environment, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert published.returncode == 0, published.stdout + published.stderr
    report = workspace / "reports" / "t"
    assert (report / "03-targets.html").exists() and (report / "tables" / "targets.csv").exists()
