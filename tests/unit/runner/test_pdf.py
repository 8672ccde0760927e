"""helpers.runner.pdf without a browser: fixed dates and node ids at the same length, page
counts, and print_pdf driving stand-in Chromiums (small shell scripts) that print, fail, print
half a PDF or hang, leaving no half PDF and no process behind."""

import os
import re
import stat
import time
from pathlib import Path

import pytest
from support import alive

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


# --- print_pdf with stand-in Chromiums ------------------------------------------------------


def gone(pid: int, timeout: float = 5.0) -> bool:
    """Whether the process ends within `timeout` (a SIGKILLed orphan is reaped a moment later)."""
    deadline = time.monotonic() + timeout
    while alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def chromium(tmp_path: Path, body: str) -> str:
    """A stand-in Chromium: a shell script with $OUT set to its --print-to-pdf= argument."""
    script = tmp_path / "chromium"
    script.write_text(
        "#!/bin/sh\nfor a; do case $a in --print-to-pdf=*) OUT=${a#--print-to-pdf=};; esac; done\n"
        + body,
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    page = tmp_path / "03-targets.html"
    page.write_text("<h1>Targets</h1>", encoding="utf-8")
    (tmp_path / "printed.pdf").write_bytes(PRINTED)
    return page


def test_print_pdf_writes_the_complete_pdf_with_fixed_dates(tmp_path, report):
    args = tmp_path / "args.txt"
    fake = chromium(tmp_path, f'printf "%s\\n" "$@" > {args}\ncp {tmp_path}/printed.pdf "$OUT"\n')
    target = report.with_suffix(".pdf")
    assert pdf.print_pdf(report, target, fake) == 2
    assert target.read_bytes() == pdf.stable(PRINTED) != PRINTED
    passed = args.read_text(encoding="utf-8").splitlines()
    assert passed[-1] == report.resolve().as_uri()
    assert {"--headless", "--no-pdf-header-footer", "--disable-background-networking"} <= set(
        passed
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["03-targets.html", "03-targets.pdf", "args.txt", "chromium", "printed.pdf"]
    )
    assert not pdf.PRINTERS


def test_a_chromium_that_fails_raises_with_what_it_said_and_writes_nothing(tmp_path, report):
    fake = chromium(tmp_path, 'echo "cannot open display" >&2\nexit 3\n')
    with pytest.raises(pdf.PrintError, match="Chromium exited with 3:\ncannot open display"):
        pdf.print_pdf(report, report.with_suffix(".pdf"), fake)
    assert not report.with_suffix(".pdf").exists()


@pytest.mark.parametrize(
    "written",
    [
        b"",
        PRINTED[: len(PRINTED) // 2],
        PRINTED.replace(b"/Type /Page ", b"").replace(b"/Page/", b""),
    ],
    ids=["nothing", "half", "no-page"],
)
def test_an_incomplete_pdf_is_refused_and_the_previous_one_kept(tmp_path, report, written):
    (tmp_path / "printed.pdf").write_bytes(written)
    fake = chromium(tmp_path, f'cp {tmp_path}/printed.pdf "$OUT"\necho "written"\n')
    target = report.with_suffix(".pdf")
    target.write_bytes(b"the previous PDF")
    with pytest.raises(pdf.PrintError, match="03-targets.html: Chromium printed no complete PDF"):
        pdf.print_pdf(report, target, fake)
    assert target.read_bytes() == b"the previous PDF"
    assert [p.name for p in tmp_path.glob(".*")] == []  # no partial file


def test_a_hanging_chromium_is_killed_with_its_children_at_the_timeout(tmp_path, report):
    pids = tmp_path / "pids"
    fake = chromium(tmp_path, f"sleep 60 &\necho $$ $! > {pids}\nsleep 60\n")
    started = time.monotonic()
    with pytest.raises(pdf.PrintError, match="did not finish printing within 0.5 s; stopped"):
        pdf.print_pdf(report, report.with_suffix(".pdf"), fake, timeout=0.5)
    assert time.monotonic() - started < 10
    assert not report.with_suffix(".pdf").exists()
    shell, child = map(int, pids.read_text().split())
    assert gone(shell) and gone(child)  # the whole process group, not just Chromium
    assert not pdf.PRINTERS


def test_kill_printers_ends_every_chromium_still_printing(tmp_path):
    pids = tmp_path / "pids"
    script = chromium(tmp_path, f"sleep 60 &\necho $! > {pids}\nsleep 60\n")
    group = os.fork()
    if group == 0:  # a stand-in for a Chromium started in a group of its own
        os.setsid()
        os.execv(script, [script])
    pdf.PRINTERS.add(group)
    deadline = time.monotonic() + 10
    while not (pids.is_file() and re.fullmatch(r"\d+\n", pids.read_text())):
        assert time.monotonic() < deadline, "the stand-in did not start"
        time.sleep(0.02)
    pdf.kill_printers()
    os.waitpid(group, 0)
    assert gone(int(pids.read_text())) and not pdf.PRINTERS
