"""helpers.add.article: an article is added byte for byte with its sources row and its
proposals, all or nothing; a field the text does not say comes from the options, a prompt,
or stops the command naming the option."""

import hashlib
import os

import pytest
from corpus import corpus

from helpers.add.article import MissingField, build, propose_again, slug, write
from helpers.add.review import read_proposals
from helpers.core.schemas import PROPOSALS
from helpers.extract.sources import load_sources


def snapshot(data_dir) -> dict[str, bytes]:
    return {
        p.relative_to(data_dir).as_posix(): p.read_bytes()
        for p in data_dir.rglob("*")
        if p.is_file()
    }


@pytest.fixture
def english(tmp_path):
    article = next(a for a in corpus(30, seed=3) if a.language == "en")
    path = tmp_path / "Ministry Release 2019.txt"
    path.write_bytes(article.raw)
    return article, path


def test_an_article_is_copied_byte_for_byte_with_its_row_and_proposals(data_dir, english):
    article, path = english
    before = snapshot(data_dir)
    new = build(path, data_dir)
    assert snapshot(data_dir) == before  # build writes nothing
    written = write(new, data_dir)
    assert written == [
        f"data/raw/{new.source_id}.txt", "data/sources.csv", f"data/proposals/{new.source_id}.csv"
    ]  # fmt: skip
    assert (data_dir / "raw" / f"{new.source_id}.txt").read_bytes() == article.raw
    after = snapshot(data_dir)
    assert after["sources.csv"].startswith(before["sources.csv"])
    sources = load_sources(data_dir).set_index("source_id")
    row = sources.loc[new.source_id]
    assert row.sha256 == hashlib.sha256(article.raw).hexdigest()
    assert (row.publisher, row.published, row.language) == (
        article.publisher, article.published, "en"
    )  # fmt: skip
    assert row.title == article.title
    proposals = read_proposals(data_dir, new.source_id)
    assert list(proposals.columns) == PROPOSALS.names
    assert set(proposals.status) <= {"proposed", "unplaced", "repeat"}
    assert {k for k in after if k not in before} == {
        f"raw/{new.source_id}.txt", f"proposals/{new.source_id}.csv"
    }  # fmt: skip


def test_the_source_id_is_the_file_name_unless_given(data_dir, english):
    _, path = english
    assert build(path, data_dir).source_id == "ministry-release-2019" == slug(path.stem)
    assert build(path, data_dir, {"source_id": "kemenperin-x"}).source_id == "kemenperin-x"


def test_what_the_text_does_not_say_is_asked_or_refused_naming_the_option(data_dir, tmp_path):
    path = tmp_path / "short.txt"
    path.write_text("Jumlah IKM mencapai 165.983 unit pada 2016 dan tumbuh di Jakarta.\n")
    with pytest.raises(
        MissingField, match=r"short.txt: the text does not say the publisher; give --publisher"
    ):
        build(path, data_dir)
    asked = []
    answers = {"publisher": "Kompas", "title": "IKM", "published": "2017-02-01", "language": "id"}
    new = build(path, data_dir, ask=lambda field, hint: asked.append(field) or answers[field])
    assert asked == ["publisher", "title", "published"]  # its words say Indonesian
    assert new.row["publisher"] == "Kompas" and new.found["publisher"] == "asked"
    assert new.found["language"] == "read from the text"
    given = build(path, data_dir, answers)
    assert given.found["title"] == "given" and given.row == new.row


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"published": "2017-02-30"}, "published '2017-02-30' must be a real date"),
        ({"published": "28/12/2017"}, "published '28/12/2017' must be a real date"),
        ({"published": "2999-01-01"}, "published '2999-01-01' is in the future"),
        ({"source_id": "Bad Id"}, "source id 'Bad Id' must be lowercase"),
        (
            {"source_id": "antara-2017-ikm"},
            "--source-id 'antara-2017-ikm': already in data/sources.csv",
        ),
        ({"language": "fr"}, "language 'fr' must be one of"),
        ({"title": "two\nlines"}, "title 'two\\\\nlines' must be one line"),
    ],
)
def test_a_bad_field_is_refused_naming_it_and_nothing_is_written(data_dir, english, given, message):
    _, path = english
    before = snapshot(data_dir)
    with pytest.raises(ValueError, match=message):
        build(path, data_dir, given)
    assert snapshot(data_dir) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"   \n", "raw file is empty"),
        (b"IKM \xe9 unit\n", "not UTF-8"),
    ],
)
def test_an_unreadable_file_is_refused_naming_it(data_dir, tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=f"bad.txt: {message}"):
        build(path, data_dir)
    with pytest.raises(FileNotFoundError, match="missing.txt: no such file"):
        build(tmp_path / "missing.txt", data_dir)


@pytest.mark.parametrize(
    ("make", "kind"),
    [(lambda path: path.mkdir(), "a directory"), (lambda path: os.mkfifo(path), "a FIFO")],
)
def test_a_folder_or_a_fifo_is_refused_saying_what_it_is(data_dir, tmp_path, make, kind):
    make(tmp_path / "articles")
    with pytest.raises(ValueError, match=f"^{tmp_path}/articles: is {kind}"):
        build(tmp_path / "articles", data_dir)


def test_an_article_already_added_is_refused(data_dir, tmp_path):
    copy = tmp_path / "again.txt"
    copy.write_bytes((data_dir / "raw" / "antara-2017-ikm.txt").read_bytes())
    with pytest.raises(ValueError, match="already source 'antara-2017-ikm'"):
        build(copy, data_dir)


def test_a_raw_file_without_a_row_is_never_overwritten(data_dir, english):
    _, path = english
    stray = data_dir / "raw" / "ministry-release-2019.txt"
    stray.write_bytes(b"someone else's file\n")
    with pytest.raises(ValueError, match="exists but is in no row"):
        build(path, data_dir)
    stray.unlink()
    new = build(path, data_dir)
    stray.write_bytes(b"appeared meanwhile\n")
    before = snapshot(data_dir)
    with pytest.raises(ValueError, match="exists: nothing written"):
        write(new, data_dir)
    assert snapshot(data_dir) == before


def test_a_failed_write_leaves_every_file_as_it_was(data_dir, english, monkeypatch):
    _, path = english
    new = build(path, data_dir)
    before = snapshot(data_dir)
    import helpers.core.files as files

    real = files._write_new
    calls = []

    def fail_third(target, content):
        calls.append(target)
        if len(calls) == 3:
            raise OSError("disk full")
        real(target, content)

    monkeypatch.setattr(files, "_write_new", fail_third)
    with pytest.raises(OSError, match="disk full"):
        write(new, data_dir)
    assert snapshot(data_dir) == before


def test_proposals_are_made_again_with_rows_in_the_register_shown_accepted(data_dir):
    path, table = propose_again(data_dir, "antara-2017-ikm")
    assert path == data_dir / "proposals" / "antara-2017-ikm.csv"
    assert "proposed" not in set(table.status)  # the register holds every figure already
    assert (table.status == "accepted").sum() == 12
