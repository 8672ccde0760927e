"""helpers.extract.cache: a source is parsed once per checksum and parser version; the cache
saves time and never changes a result, whatever state its folder is in."""

import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from helpers import clean
from helpers.core.paths import DATA
from helpers.extract import cache
from helpers.extract.cache import Parsed, entry_path, parse_text, parsed_source
from helpers.extract.sources import load_sources, read_raw

RAW = (DATA / "raw" / "antara-2017-ikm.txt").read_text(encoding="utf-8")
SHA = load_sources(DATA).set_index("source_id").sha256["antara-2017-ikm"]


def no_parsing(monkeypatch) -> None:
    """Make any parse fail, so a result can only have come from the cache."""

    def refuse(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(cache, "normalise", refuse)


@pytest.fixture
def data_dir(seed_data_dir):
    """Tested on the two seed articles alone, whose lines the tests name."""
    return seed_data_dir


def test_a_source_is_parsed_once_and_then_read_from_the_cache(tmp_path, monkeypatch):
    first = parsed_source(RAW, SHA, "id", tmp_path)
    assert first == parse_text(RAW) and len(first.found) > 5
    no_parsing(monkeypatch)
    assert parsed_source(RAW, SHA, "id", tmp_path) == first


def test_another_checksum_language_or_parser_version_is_parsed_again(tmp_path, monkeypatch):
    parsed_source(RAW, SHA, "id", tmp_path)
    calls = []
    real = cache.parse_text
    monkeypatch.setattr(cache, "parse_text", lambda *a: calls.append(a) or real(*a))
    parsed_source(RAW, "0" * 64, "id", tmp_path)
    parsed_source(RAW, SHA, "en", tmp_path)
    monkeypatch.setattr(cache, "KEY", cache.KEY + "-next")
    parsed_source(RAW, SHA, "id", tmp_path)
    assert len(calls) == 3


def test_the_key_names_the_parser_version_and_the_libraries():
    from helpers.extract.quantities import PARSER_VERSION

    assert f"parser{PARSER_VERSION}-" in cache.KEY and "ftfy" in cache.KEY and "babel" in cache.KEY


def test_the_key_follows_the_code_that_parses_and_checks(tmp_path):
    """A parser changed without a bump of PARSER_VERSION (the realistic cause of a stale
    entry) still makes another key, so its old entries are not read."""
    folder = Path(cache.__file__).parent
    code = [folder / name for name in cache.CODE]
    assert {"normalise.py", "quantities.py", "register.py"} <= set(cache.CODE)
    assert f"-code{cache.code_digest(code)}-" in cache.KEY
    for changed in code:
        copies = []
        for path in code:
            copy = tmp_path / changed.stem / path.name
            copy.parent.mkdir(exist_ok=True)
            copy.write_bytes(path.read_bytes() + (b"# edited\n" if path == changed else b""))
            copies.append(copy)
        assert cache.code_digest(copies) != cache.code_digest(code), changed.name


def test_a_sealed_file_reads_back_only_as_written(tmp_path):
    data = cache.sealed({"a": [1.5, "x"]})
    assert cache.unsealed(data) == {"a": [1.5, "x"]}
    for edited in (data.replace(b"1.5", b"2.5"), data.replace(cache.KEY.encode(), b"other")):
        with pytest.raises(ValueError):
            cache.unsealed(edited)


@pytest.mark.parametrize(
    "damage",
    [
        lambda entry: entry[: len(entry) // 2],  # cut short (a write that was not atomic)
        lambda entry: b"",
        lambda entry: b"\xff\xfe not json",
        lambda entry: entry.replace(b"165.983", b"165.984"),  # text changed behind its seal
        lambda entry: entry.replace(b"165983.0", b"999999.0"),  # a value edited by hand
        lambda entry: cache.sealed({**cache.unsealed(entry), "mentions": [[0, 1]]}),
        lambda entry: cache.sealed({**cache.unsealed(entry), "sha256": "1" * 64}),
        lambda entry: cache.sealed([1, 2]),
        lambda entry: json.dumps(cache.unsealed(entry)).encode(),  # no seal
    ],
    ids=["cut-short", "empty", "not-json", "text", "value", "mentions", "other", "list", "bare"],
)
def test_a_damaged_entry_is_ignored_and_the_source_parsed_again(tmp_path, damage):
    path = entry_path(tmp_path, SHA, "id")
    expected = parsed_source(RAW, SHA, "id", tmp_path)
    damaged = damage(path.read_bytes())
    assert damaged != path.read_bytes()
    path.write_bytes(damaged)
    assert parsed_source(RAW, SHA, "id", tmp_path) == expected
    assert parsed_source(RAW, SHA, "id", tmp_path) == expected  # and the entry is whole again
    assert cache.unsealed(path.read_bytes())["sha256"] == SHA


def test_an_unwritable_cache_folder_only_costs_time(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    assert parsed_source(RAW, SHA, "id", blocked) == parse_text(RAW)
    assert blocked.read_text() == "a file where the cache folder should be"


def test_writers_at_once_leave_whole_entries_and_no_temporary_file(tmp_path):
    results: list[Parsed] = []
    threads = [
        threading.Thread(target=lambda: results.append(parsed_source(RAW, SHA, "id", tmp_path)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [parse_text(RAW)] * 8
    folder = entry_path(tmp_path, SHA, "id").parent
    assert os.listdir(folder) == [entry_path(tmp_path, SHA, "id").name]


def test_a_malformed_figure_is_cached_with_its_error_and_raised_again(tmp_path, monkeypatch):
    raw = "IKM tumbuh 4.5 persen pada 2016.\n"
    first = parsed_source(raw, "a" * 64, "id", tmp_path)
    with pytest.raises(ValueError, match="'4.5'"):
        first.mentions()
    no_parsing(monkeypatch)
    with pytest.raises(ValueError, match="'4.5'"):
        parsed_source(raw, "a" * 64, "id", tmp_path).mentions()


def test_the_cache_folder_is_the_environment_s_or_the_workspace_s(monkeypatch, tmp_path):
    monkeypatch.setenv("IKM_CACHE_DIR", str(tmp_path))
    assert cache.cache_folder() == tmp_path / "extract"
    monkeypatch.delenv("IKM_CACHE_DIR")
    assert cache.cache_folder() == DATA.parent / ".cache" / "extract"


def test_the_cache_is_gitignored():
    ignored = (DATA.parent / ".gitignore").read_text().split()
    assert ".cache/" in ignored


def test_the_clean_table_is_the_same_from_an_empty_a_full_and_a_broken_cache(tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir, ignore=shutil.ignore_patterns("processed", "README.md"))

    def tables() -> dict[str, bytes]:
        out = tmp_path / f"out{len(list(tmp_path.iterdir()))}"
        clean.write(clean.build(data_dir), out, data_dir)
        return {p.name: p.read_bytes() for p in sorted(out.iterdir())}

    folder = tmp_path / "cache"
    monkeypatch.setenv("IKM_CACHE_DIR", str(folder))
    empty = tables()
    full = tables()
    for entry in Path(folder).rglob("*.json"):
        entry.write_bytes(entry.read_bytes()[:100])
    broken = tables()
    committed = {p.name: p.read_bytes() for p in sorted((DATA / "processed").glob("*.csv"))}
    assert empty == full == broken == {k: committed[k] for k in empty}


def test_a_changed_raw_file_is_still_refused_whatever_the_cache_holds(data_dir, tmp_path):
    raw = data_dir / "raw" / "antara-2017-ikm.txt"
    parsed_source(raw.read_text(encoding="utf-8"), SHA, "id", tmp_path)
    raw.write_bytes(raw.read_bytes().replace(b"165.983", b"165.984"))
    with pytest.raises(ValueError, match="checksum"):
        read_raw(data_dir, "antara-2017-ikm", SHA)


@pytest.mark.parametrize(
    ("flat", "well_formed"),
    [
        ([165983.0, 165983.0, 165983.0, 1.0, "="], True),
        ([10.0, 10.0, None, 1.0, ">", 4.5, 4.5, 4.5, 0.1, "="], True),
        ([165983, 165983, 165983, 1, "="], True),  # JSON gives a whole float back as written
        ([None, 1.0, 1.0, 1.0, "="], False),  # no value
        ([1.0, 1.0, 1.0, None, "="], False),  # no resolution
        ([1.0, "1", 1.0, 1.0, "="], False),
        ([1.0, 1.0, 1.0, 1.0, None], False),
        ([True, 1.0, 1.0, 1.0, "="], False),  # a truth value is not a number
        ([[1.0], 1.0, 1.0, 1.0, "="], False),
    ],
)
def test_kept_checks_are_used_only_with_numbers_bounds_and_a_qualifier(flat, well_formed):
    assert cache.CheckedRows.well_formed(flat) is well_formed


def test_kept_checks_are_read_only_when_first_asked_and_written_only_when_added(tmp_path):
    kept = cache.CheckedRows(tmp_path)
    assert kept.get("a", 1) is None
    kept.save()
    assert not kept.path.exists()
    kept.add("a", [1.0, 1.0, 1.0, 1.0, "="])
    kept.save()
    assert cache.CheckedRows(tmp_path).get("a", 1) == [1.0, 1.0, 1.0, 1.0, "="]
    assert cache.CheckedRows(tmp_path).get("a", 2) is None  # kept for another number of rows
