"""python -m helpers.add: the command adds, accepts and rejects, and never prompts without a
terminal: it names the missing option instead."""

import pytest
from corpus import corpus

from helpers.add.__main__ import main


def test_help_names_every_command(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for word in ("--publisher", "--published", "--language", "accept", "reject", "propose"):
        assert word in out


def test_without_a_terminal_a_missing_field_names_its_option(
    data_dir, tmp_path, capsys, monkeypatch
):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    path = tmp_path / "note.txt"
    path.write_text("Jumlah IKM mencapai 165.983 unit pada 2016 dan tumbuh di Jakarta.\n")
    assert main(["--data", str(data_dir), str(path)]) == 2
    assert "give --publisher" in capsys.readouterr().err
    assert not (data_dir / "raw" / "note.txt").exists()


def test_add_then_accept_every_proposed_row(data_dir, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    article = next(a for a in corpus(20, seed=8) if a.language == "id")
    path = tmp_path / "bisnis-ikm.txt"
    path.write_bytes(article.raw)
    assert main(["--data", str(data_dir), str(path)]) == 0
    out = capsys.readouterr().out
    assert "wrote data/proposals/bisnis-ikm.csv" in out
    assert main(["accept", "bisnis-ikm", "--all", "--data", str(data_dir)]) == 0
    assert "accepted" in capsys.readouterr().out
    assert main(["accept", "bisnis-ikm", "99", "--data", str(data_dir)]) == 2
    assert "no row 99" in capsys.readouterr().err


def test_option_values_are_taken_without_surrounding_white_space(
    data_dir, tmp_path, capsys, monkeypatch
):
    """Options read from a list with Windows line ends end in a carriage return ("id\\r")."""
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    path = tmp_path / "note.txt"
    path.write_text("Jumlah IKM mencapai 165.983 unit pada 2016 dan tumbuh di Jakarta.\n")
    options = ["--publisher", "Kontan\r", "--published", "2017-01-05\r", "--title", " IKM \r"]
    options += ["--language", "id\r", "--url", "https://example.org/ikm\r"]
    assert main(["--data", str(data_dir), *options, str(path)]) == 0
    row = (data_dir / "sources.csv").read_text().splitlines()[-1]
    assert row.startswith("note,Kontan,IKM,https://example.org/ikm,2017-01-05,id,")


def test_adding_a_text_already_added_adds_nothing_and_proposes_it_again(
    data_dir, tmp_path, capsys, monkeypatch
):
    """Adding the same article twice (a second `make add`, the corpus's add_all.sh on a
    workspace that holds it) is no error: the source stays as it is, its proposals are made
    again with the current rules, and its register rows show as accepted."""
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    copy = tmp_path / "again.txt"
    copy.write_bytes((data_dir / "raw" / "antara-2017-ikm.txt").read_bytes())
    sources, register = (data_dir / name for name in ("sources.csv", "register.csv"))
    before = sources.read_bytes(), register.read_bytes()
    assert main(["--data", str(data_dir), "--publisher", "Other", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "already source 'antara-2017-ikm'" in out and "nothing added" in out
    assert (sources.read_bytes(), register.read_bytes()) == before
    assert not (data_dir / "raw" / "again.txt").exists()
    proposals = (data_dir / "proposals" / "antara-2017-ikm.csv").read_text(encoding="utf-8")
    assert ",accepted," in proposals  # the rows the register holds for it
