"""helpers.extract.sources: data/sources.csv is checked row by row and each raw article is
read only when it exists, is UTF-8 and matches its checksum; every refusal names the file (and
the line of sources.csv), and a bad raw file leaves data/processed/ as it was."""

import csv
import hashlib
import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from support import edit_csv, fails_leaving_outputs

from helpers.core.paths import DATA
from helpers.core.schemas import SOURCES
from helpers.extract import sources
from helpers.extract.sources import load_sources, published_order, raw_path, read_raw


@pytest.fixture
def data_dir(seed_data_dir):
    """Tested on the two seed articles alone, whose lines the tests name."""
    return seed_data_dir


def test_checksum_is_verified(data_dir_with_outputs):
    path = data_dir_with_outputs / "raw" / "antara-2017-ikm.txt"
    path.write_bytes(path.read_bytes().replace(b"165.983", b"165.984"))
    fails_leaving_outputs(
        data_dir_with_outputs, r"data/raw/antara-2017-ikm.txt: checksum .* differs"
    )


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (None, r"data/raw/antara-2017-ikm.txt: raw file .* is missing"),
        (b"  \n", r"data/raw/antara-2017-ikm.txt: raw file is empty"),
        (b"nilai tambah Rp520 triliun \xe9\n", r"data/raw/antara-2017-ikm.txt: not UTF-8"),
    ],
)
def test_unreadable_raw_files(data_dir_with_outputs, content, match):
    path = data_dir_with_outputs / "raw" / "antara-2017-ikm.txt"
    path.unlink() if content is None else path.write_bytes(content)
    fails_leaving_outputs(data_dir_with_outputs, match)


def committed_sources() -> list[dict[str, str]]:
    with open(DATA / "sources.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def edit_sources(data_dir, line: int, **changes) -> None:
    """Change fields of the sources.csv row on `line` (the header is line 1)."""
    edit_csv(data_dir, "sources.csv", line, **changes)


def test_raw_path_is_the_source_id_as_a_txt_file_in_raw(tmp_path):
    assert raw_path(tmp_path, "antara-2017-ikm") == tmp_path / "raw" / "antara-2017-ikm.txt"
    assert raw_path(DATA, "x").relative_to(DATA).as_posix() == "raw/x.txt"


def test_load_sources_reads_the_committed_table_as_text_in_schema_order():
    sources = load_sources(DATA)
    assert list(sources.columns) == SOURCES.names
    assert sources.to_dict("records") == committed_sources()


@pytest.mark.parametrize(
    "source_id", ["Antara-2017", "-antara", "antara 2017", "antara_2017", "antara.txt", "../x", ""]
)
def test_load_sources_refuses_a_bad_source_id_naming_file_and_line(data_dir, source_id):
    edit_sources(data_dir, 3, source_id=source_id)
    message = f"data/sources.csv line 3: source_id {source_id!r} must be lowercase a-z, 0-9, -"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        load_sources(data_dir)


@pytest.mark.parametrize(
    "published", ["17", "2017-12", "28-12-2017", "2017/12/28", "2017-12-28T18:24", " 2017", ""]
)
def test_load_sources_refuses_a_bad_published_date_naming_file_and_line(data_dir, published):
    edit_sources(data_dir, 2, published=published)
    message = f"data/sources.csv line 2: published {published!r} must be YYYY or YYYY-MM-DD"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        load_sources(data_dir)


@pytest.mark.parametrize("published", ["2017", "2018-01-31"])
def test_load_sources_accepts_a_year_or_a_full_date(data_dir, published):
    edit_sources(data_dir, 3, published=published)
    assert load_sources(data_dir).published.tolist() == ["2017", published]


def in_days(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    "published",
    [in_days(2), in_days(400), str(date.today().year + 1), "2999-01-01"],
    ids=["after-tomorrow", "next-year-s-day", "next-year", "far"],  # the same on every worker
)
def test_load_sources_refuses_a_date_in_the_future_naming_file_line_and_date(data_dir, published):
    edit_sources(data_dir, 3, published=published)
    message = (
        f"data/sources.csv line 3: published {published!r} is in the future; a source is dated "
        "by when it was published"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        load_sources(data_dir)


@pytest.mark.parametrize(
    "published",
    [in_days(0), in_days(1), str(date.today().year)],
    ids=["today", "tomorrow", "this-year"],
)
def test_load_sources_accepts_today_tomorrow_and_this_year(data_dir, published):
    """A day's grace: an article dated in Jakarta may be a day ahead of the reader's clock."""
    edit_sources(data_dir, 3, published=published)
    assert load_sources(data_dir).published.tolist()[1] == published


def test_load_sources_refuses_a_bad_sha256_naming_file_and_line(data_dir):
    good = committed_sources()[1]["sha256"]
    for sha256 in [good.upper(), good[:-1], good + "0", "g" * 64, ""]:
        edit_sources(data_dir, 3, sha256=sha256)
        message = f"data/sources.csv line 3: sha256 {sha256!r} is not a hex SHA-256 digest"
        with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
            load_sources(data_dir)


def test_load_sources_names_the_first_bad_row_and_its_first_bad_field(data_dir):
    edit_sources(data_dir, 3, source_id="Bad", published="x")
    edit_sources(data_dir, 2, published="17", sha256="x")
    with pytest.raises(ValueError, match=r"^data/sources.csv line 2: published '17' must be"):
        load_sources(data_dir)


def test_load_sources_refuses_duplicate_ids_naming_the_file_and_the_id(data_dir):
    edit_sources(data_dir, 3, source_id="antara-2017-ikm")
    with pytest.raises(
        ValueError, match=r"^data/sources.csv: duplicate source_id \['antara-2017-ikm'\]$"
    ):
        load_sources(data_dir)


def test_read_raw_returns_the_committed_text_when_its_checksum_matches():
    for row in committed_sources():
        path = DATA / "raw" / f"{row['source_id']}.txt"
        assert read_raw(DATA, row["source_id"], row["sha256"]) == path.read_text(encoding="utf-8")


def test_read_raw_returns_the_bytes_decoded_without_any_repair(tmp_path):
    data = "Nilai tambah\u00a0Rp520 triliun \u2013 naik\r\n".encode()
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "s.txt").write_bytes(data)
    text = read_raw(tmp_path, "s", hashlib.sha256(data).hexdigest())
    assert text == "Nilai tambah\u00a0Rp520 triliun \u2013 naik\r\n"


@pytest.mark.parametrize("make_raw_folder", [True, False])
def test_read_raw_refuses_a_missing_file_naming_it_and_the_source(tmp_path, make_raw_folder):
    if make_raw_folder:
        (tmp_path / "raw").mkdir()
    with pytest.raises(
        FileNotFoundError, match=r"^data/raw/nope\.txt: raw file for source 'nope' is missing$"
    ):
        read_raw(tmp_path, "nope", "0" * 64)


@pytest.mark.parametrize("content", [b"", b" \n\t\r\n", b"\n\n"])
def test_read_raw_refuses_an_empty_file_even_with_its_checksum(tmp_path, content):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "s.txt").write_bytes(content)
    with pytest.raises(ValueError, match=r"^data/raw/s\.txt: raw file is empty$"):
        read_raw(tmp_path, "s", hashlib.sha256(content).hexdigest())


@pytest.mark.parametrize(
    ("content", "at"),
    [
        (b"nilai tambah \xe9 triliun\n", len(b"nilai tambah ")),
        ("sekitar".encode("utf-16"), 0),
        ("Rp520 – triliun".encode("cp1252"), len(b"Rp520 ")),
    ],
)
def test_read_raw_refuses_text_that_is_not_utf8_naming_the_byte(tmp_path, content, at):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "s.txt").write_bytes(content)
    message = f"data/raw/s.txt: not UTF-8 (byte {at}); save the article as UTF-8"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        read_raw(tmp_path, "s", hashlib.sha256(content).hexdigest())


def test_read_raw_refuses_a_changed_file_naming_both_checksums(tmp_path):
    original, edited = b"mencapai 165.983 unit\n", b"mencapai 165.984 unit\n"
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "s.txt").write_bytes(edited)
    expected = hashlib.sha256(original).hexdigest()
    found = hashlib.sha256(edited).hexdigest()
    message = (
        f"data/raw/s.txt: checksum {found} differs from {expected} in data/sources.csv; raw "
        "files are never edited (if the article was replaced on purpose, update its sha256)"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        read_raw(tmp_path, "s", expected)


def test_published_order_counts_a_year_as_its_first_of_january():
    assert published_order("2017") == "2017-01-01"
    assert published_order("2017-12-28") == "2017-12-28"


def test_published_order_sorts_years_among_full_dates():
    dates = ["2018", "2017-12-28", "2017", "2016-12-31", "2017-01-02"]
    ordered = sorted(dates, key=published_order)
    assert ordered == ["2016-12-31", "2017", "2017-01-02", "2017-12-28", "2018"]


@pytest.mark.parametrize(
    "published", ["2017-02-29", "2016-02-30", "2017-13-01", "2017-00-10", "2017-04-31", "0000"]
)
def test_load_sources_refuses_a_date_that_does_not_exist(data_dir, published):
    edit_sources(data_dir, 3, published=published)
    message = f"data/sources.csv line 3: published {published!r} is not a real date (YYYY-MM-DD)"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        load_sources(data_dir)


@pytest.mark.parametrize("published", ["٢٠١٧", "２０１７-12-28", "2017-1２-28"])
def test_load_sources_refuses_digits_other_than_ascii(data_dir, published):
    edit_sources(data_dir, 2, published=published)
    message = f"data/sources.csv line 2: published {published!r} must be YYYY or YYYY-MM-DD"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        load_sources(data_dir)


def test_load_sources_accepts_a_leap_day(data_dir):
    edit_sources(data_dir, 3, published="2016-02-29")
    assert load_sources(data_dir).published.tolist() == ["2017", "2016-02-29"]


def test_load_sources_names_the_line_a_row_starts_on_after_a_field_over_several_lines(data_dir):
    edit_sources(data_dir, 2, title="A title\nwritten over\nthree lines")
    edit_sources(data_dir, 3, published="2017-12")
    message = "data/sources.csv line 5: published '2017-12' must be YYYY or YYYY-MM-DD"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        load_sources(data_dir)


def test_load_sources_refuses_a_row_with_too_few_fields(data_dir):
    path = data_dir / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8") + "kompas-2018,Kompas,2018\n")
    message = "data/sources.csv line 4: 3 fields where the header has 8"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        load_sources(data_dir)


def test_read_raw_refuses_a_file_over_the_size_limit_without_reading_it(tmp_path, monkeypatch):
    (tmp_path / "raw").mkdir()
    with (tmp_path / "raw" / "s.txt").open("wb") as handle:
        handle.truncate(sources.MAX_RAW_BYTES + 1)  # sparse: no disk space used
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"read {self}"))
    message = (
        f"data/raw/s.txt: raw file is {sources.MAX_RAW_BYTES + 1:,} bytes, over the limit of "
        f"{sources.MAX_RAW_BYTES:,}; is it the article's text?"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        read_raw(tmp_path, "s", "0" * 64)


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda path: path.symlink_to("/dev/zero"), "a character device"),
        (lambda path: os.mkfifo(path), "a FIFO (named pipe)"),
        (lambda path: path.mkdir(), "a directory"),
    ],
    ids=["link-to-dev-zero", "fifo", "directory"],
)
def test_read_raw_refuses_what_is_not_a_regular_file_naming_it(tmp_path, make, kind):
    (tmp_path / "raw").mkdir()
    make(tmp_path / "raw" / "s.txt")
    message = f"data/raw/s.txt: the raw file of source 's' is {kind}, not a regular file"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        read_raw(tmp_path, "s", "0" * 64)


def test_read_raw_reads_a_file_of_exactly_the_size_limit(tmp_path):
    data = b"a" * sources.MAX_RAW_BYTES
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "s.txt").write_bytes(data)
    assert read_raw(tmp_path, "s", hashlib.sha256(data).hexdigest()) == data.decode()


def test_load_sources_refuses_a_language_without_a_figure_reader_naming_file_and_line(data_dir):
    edit_csv(data_dir, "sources.csv", 3, language="fr")
    with pytest.raises(
        ValueError, match=r"data/sources.csv line 3: language 'fr' .*\['en', 'id'\]"
    ):
        load_sources(data_dir)


@pytest.mark.parametrize("wording", ["", "Verbatim", "summary"])
def test_load_sources_refuses_a_wording_other_than_verbatim_or_digest(data_dir, wording):
    edit_csv(data_dir, "sources.csv", 3, wording=wording)
    allowed = r"must be one of \['verbatim', 'digest'\]"
    with pytest.raises(
        ValueError, match=rf"data/sources.csv line 3: wording '{wording}' {allowed}"
    ):
        load_sources(data_dir)
