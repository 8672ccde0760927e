"""helpers.runner.vintage: what made a report, the same on every re-run with the same inputs."""

import re
import shutil

from helpers.core.paths import ROOT
from helpers.runner import vintage


def test_the_date_is_the_latest_publication_of_the_figures_the_view_uses():
    every = vintage.of({})
    seeds = vintage.of({"source_ids": ["antara-2017-ikm", "republika-2017-12-28-ikm"]})
    earlier = vintage.of({"as_of": "2018-12-31", "lang": "id", "level": 0.8})
    assert every.published == "2024-11-15"  # EmitenNews, the latest source with a figure used
    assert seeds.published == "2017-12-28"  # Republika's; ANTARA's is dated 2017 alone
    assert earlier.published == "2018-11-12"
    assert every.version == seeds.version == vintage.version()


def test_the_version_is_pyprojects_with_a_digest_of_the_code_and_the_lock(tmp_path):
    assert re.fullmatch(r"0\.1\.0\+[0-9a-f]{8}", vintage.version())
    root = tmp_path / "root"
    (root / "src" / "helpers" / "__pycache__").mkdir(parents=True)
    for name in ("pyproject.toml", "requirements.lock"):
        shutil.copy(ROOT / name, root / name)
    code = root / "src" / "helpers" / "stage.py"
    code.write_text("x = 1\n", encoding="utf-8")
    first = vintage.version.__wrapped__(root)
    (root / "src" / "helpers" / "__pycache__" / "stage.pyc").write_bytes(b"compiled")
    assert vintage.version.__wrapped__(root) == first  # no compiled file counts
    code.write_text("x = 2\n", encoding="utf-8")
    changed = vintage.version.__wrapped__(root)
    (root / "requirements.lock").write_text("numpy==1\n", encoding="utf-8")
    assert len({first, changed, vintage.version.__wrapped__(root)}) == 3


def test_the_line_says_it_in_the_readers_language():
    made = vintage.Vintage("2022-08-08", "0.1.0+3f2a9c1b")
    assert vintage.line(made, "en") == (
        "Figures published up to 8 August 2022; made by the IKM workspace, version 0.1.0+3f2a9c1b."
    )
    assert vintage.line(made, "id") == (
        "Angka yang terbit sampai 8 Agustus 2022; dibuat oleh ruang kerja IKM, "
        "versi 0.1.0+3f2a9c1b."
    )
    assert "up to 2017;" in vintage.line(vintage.Vintage("2017", "v"), "en")
