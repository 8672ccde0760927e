"""helpers.runner.pdf without a browser: fixed dates and node ids at the same length, page
counts, and a Printer driving a stand-in Chromium (stand_in_chromium.py) that prints, fails to
start, prints half a PDF, refuses or hangs, leaving no half PDF and no process behind."""

import errno
import os
import time
from pathlib import Path

import pytest
from support import StandIn, alive, gone

from helpers.runner import pdf

PRINTED = (
    b"%PDF-1.4\n1 0 obj <</Type /Pages /Kids [2 0 R 3 0 R] /Count 2>> endobj\n"
    b"2 0 obj <</Type /Page /Parent 1 0 R>> endobj\n3 0 obj <</Type/Page/Parent 1 0 R>> endobj\n"
    b"4 0 obj <</Producer (Skia/PDF m156)\n/CreationDate (D:20261123235241+07'00')\n"
    b"/ModDate (D:20261123235241+07'00')>> endobj\nxref\n0 5\ntrailer <</Info 4 0 R>>\n"
    b"startxref\n123\n%%EOF\n"
)


# --- stable dates and node ids, page_count -------------------------------------------------


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        (b"(D:20261123235241+07'00')", b"(D:20000101000000+00'00')"),
        (b"(D:20261123235241-05'30')", b"(D:20000101000000+00'00')"),
        (b"(D:20261123235241Z)", b"(D:20000101000000Z)"),
        (b"(D:20261123235241)", b"(D:20000101000000)"),
    ],
    ids=["east", "west", "utc", "no-offset"],
)
def test_stable_dates_fixes_both_dates_whatever_the_offset(written, fixed):
    data = b"<</CreationDate " + written + b"\n/ModDate " + written + b">>"
    assert pdf.stable_dates(data) == b"<</CreationDate " + fixed + b"\n/ModDate " + fixed + b">>"


def test_stable_dates_moves_no_byte_so_the_cross_reference_offsets_hold():
    fixed = pdf.stable_dates(PRINTED)
    assert len(fixed) == len(PRINTED)
    changed = [i for i, (a, b) in enumerate(zip(PRINTED, fixed, strict=True)) if a != b]
    dates = [m.span(2) for m in pdf.DATES.finditer(PRINTED)]
    assert len(dates) == 2 and changed
    assert all(any(start <= i < end + 7 for start, end in dates) for i in changed)


def test_stable_dates_leaves_other_dates_and_text_alone():
    data = b"(printed D:20261123235241) /Title (ModDate)"
    assert pdf.stable_dates(data) == data


def tagged(first: int) -> bytes:
    """A tagged PDF's structure elements and IDTree, its node ids counted from `first`."""
    ids = [b"node%08d" % (first + step) for step in (0, 1, 5)]
    elements = b"".join(b"<</S /TH /ID (%s)>>\n" % i for i in ids)
    return (
        elements
        + b"/Names ["
        + b" ".join(b"(%s) %d 0 R" % (i, n) for n, i in enumerate(ids))
        + b"]"
    )


def test_stable_node_ids_make_prints_whose_dom_counter_started_further_on_the_same():
    first, second = tagged(86), tagged(87)
    assert first != second and pdf.stable_node_ids(first) == pdf.stable_node_ids(second)
    assert pdf.stable_node_ids(first) == tagged(1).replace(b"node00000006", b"node00000003")
    assert len(pdf.stable_node_ids(first)) == len(first)  # no byte moves


def test_stable_node_ids_keep_each_width_the_order_and_what_is_not_an_id():
    data = b"(node0042) (node0007) (node0042) (node123456789) (node) (nodes 12) (anode9)"
    assert pdf.stable_node_ids(data) == (
        b"(node0002) (node0001) (node0002) (node000000003) (node) (nodes 12) (anode9)"
    )


def test_stable_is_both_stable_dates_and_stable_node_ids():
    data = PRINTED + tagged(86)
    assert pdf.stable(data) == pdf.stable_node_ids(pdf.stable_dates(data)) != data


def test_page_count_counts_page_objects_not_the_page_tree():
    assert pdf.page_count(PRINTED) == 2
    assert pdf.page_count(b"<</Type /Pages /Count 0>>") == 0
    assert pdf.page_count(b"") == 0


# --- the Printer with a stand-in Chromium -------------------------------------------------


@pytest.fixture
def stand_in(stand_in: StandIn) -> StandIn:
    """The runner's stand-in Chromium (conftest.py), printing PRINTED."""
    stand_in.printed(PRINTED)
    return stand_in


def test_a_print_is_the_complete_pdf_with_fixed_dates_as_print_to_pdf_makes_it(stand_in, report):
    target = report.with_suffix(".pdf")
    with pdf.Printer(str(stand_in.path)) as printer:
        assert printer.print(report, target) == 2
    assert target.read_bytes() == pdf.stable(PRINTED) != PRINTED
    started = stand_in.noted()[0]
    assert {"--headless", "--remote-debugging-pipe", "--disable-background-networking"} <= set(
        started["argv"]
    )
    assert stand_in.commands("Page.navigate") == [{"url": report.resolve().as_uri()}]
    assert stand_in.commands("Page.printToPDF") == [pdf.PRINT_OPTIONS]
    assert sorted(p.name for p in report.parent.iterdir()) == sorted(
        ["03-targets.html", "03-targets.pdf", "stand-in"]
    )


def test_one_chromium_prints_every_page_in_one_tab(stand_in, report, tmp_path):
    other = tmp_path / "01-clean-figures.html"
    other.write_text("<h1>Figures</h1>", encoding="utf-8")
    with pdf.Printer(str(stand_in.path)) as printer:
        for page in (report, other, report):
            printer.print(page, page.with_suffix(".pdf"))
    assert stand_in.launches() == 1
    assert len(stand_in.commands("Target.createTarget")) == 1
    urls = [command["url"] for command in stand_in.commands("Page.navigate")]
    assert urls == [page.resolve().as_uri() for page in (report, other, report)]
    assert other.with_suffix(".pdf").read_bytes() == pdf.stable(PRINTED)


def test_leaving_the_printer_ends_chromium_with_its_children_and_removes_its_files(
    stand_in, report
):
    with pdf.Printer(str(stand_in.path)) as printer:
        printer.print(report, report.with_suffix(".pdf"))
        chromium, child = stand_in.pids()
        assert alive(chromium) and alive(child)
    assert gone(chromium) and gone(child)
    scratch = Path(stand_in.noted()[0]["tmpdir"])  # Chromium's temporary files, its profile
    assert scratch.name.startswith("chromium-") and not scratch.exists()


def test_a_chromium_that_fails_raises_with_what_it_said_and_writes_nothing(stand_in, report):
    stand_in.mode("exit")
    with (
        pdf.Printer(str(stand_in.path)) as printer,
        pytest.raises(pdf.PrintError, match="Chromium exited with 3:\ncannot open display"),
    ):
        printer.print(report, report.with_suffix(".pdf"))
    assert not report.with_suffix(".pdf").exists()
    assert all(gone(pid) for pid in stand_in.pids())


def test_a_chromium_that_is_not_there_is_named():
    printer = pdf.Printer("/nowhere/chromium")
    with pytest.raises(pdf.PrintError, match="cannot start /nowhere/chromium: "):
        printer.print(Path("03-targets.html"), Path("03-targets.pdf"))


@pytest.mark.parametrize(
    "written",
    [
        b"",
        PRINTED[: len(PRINTED) // 2],
        PRINTED.replace(b"/Type /Page ", b"").replace(b"/Page/", b""),
    ],
    ids=["nothing", "half", "no-page"],
)
def test_an_incomplete_pdf_is_refused_and_the_previous_one_kept(stand_in, report, written):
    stand_in.printed(written)
    target = report.with_suffix(".pdf")
    target.write_bytes(b"the previous PDF")
    with (
        pdf.Printer(str(stand_in.path)) as printer,
        pytest.raises(pdf.PrintError, match="03-targets.html: Chromium printed no complete PDF"),
    ):
        printer.print(report, target)
    assert target.read_bytes() == b"the previous PDF"
    assert [p.name for p in report.parent.glob(".*")] == []  # no partial file


@pytest.mark.parametrize(
    ("mode", "said"),
    [
        ("refuse", "Chromium refused Page.printToPDF: Printing failed"),
        ("missing", "03-targets.html: not opened: net::ERR_FILE_NOT_FOUND"),
    ],
)
def test_a_failed_print_ends_that_chromium_and_the_next_print_starts_another(
    stand_in, report, mode, said
):
    stand_in.mode(mode)
    with pdf.Printer(str(stand_in.path)) as printer:
        with pytest.raises(pdf.PrintError, match=said):
            printer.print(report, report.with_suffix(".pdf"))
        assert all(gone(pid) for pid in stand_in.pids())
        assert not report.with_suffix(".pdf").exists()
        stand_in.mode("print")
        assert printer.print(report, report.with_suffix(".pdf")) == 2
    assert stand_in.launches() == 2


def test_a_hanging_chromium_is_killed_with_its_children_at_the_timeout(stand_in, report):
    stand_in.mode("hang")
    started = time.monotonic()
    with (
        pdf.Printer(str(stand_in.path), timeout=0.25) as printer,
        pytest.raises(pdf.PrintError, match="did not finish printing within 0.25 s; stopped"),
    ):
        printer.print(report, report.with_suffix(".pdf"))
    assert time.monotonic() - started < 10
    assert not report.with_suffix(".pdf").exists()
    assert all(gone(pid) for pid in stand_in.pids())  # the whole process group


def test_a_full_disk_names_the_pdf_and_leaves_no_half_of_it(stand_in, report, monkeypatch):
    target = report.with_suffix(".pdf")
    target.write_bytes(b"the previous PDF")

    def disk_full_half_way(path: Path, data: bytes) -> None:
        with path.open("wb") as file:
            file.write(data[:10])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_bytes", disk_full_half_way)
    with pdf.Printer(str(stand_in.path)) as printer, pytest.raises(OSError) as full:
        printer.print(report, target)
    assert (full.value.errno, full.value.filename) == (errno.ENOSPC, str(target))
    assert target.read_bytes() == b"the previous PDF"
    assert [p.name for p in report.parent.glob(".*")] == []  # no partial file
