"""The clean table: reproducible from the raw texts, and bad input stops with a clear error
that names the file, row or parameter, leaving data/processed/ as it was."""

import pytest
from support import fails_leaving_outputs


def test_checksum_is_verified(data_dir):
    path = data_dir / "raw" / "antara-2017-ikm.txt"
    path.write_bytes(path.read_bytes().replace(b"165.983", b"165.984"))
    fails_leaving_outputs(data_dir, r"data/raw/antara-2017-ikm.txt: checksum .* differs")


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (None, r"data/raw/antara-2017-ikm.txt: raw file .* is missing"),
        (b"  \n", r"data/raw/antara-2017-ikm.txt: raw file is empty"),
        (b"nilai tambah Rp520 triliun \xe9\n", r"data/raw/antara-2017-ikm.txt: not UTF-8"),
    ],
)
def test_unreadable_raw_files(data_dir, content, match):
    path = data_dir / "raw" / "antara-2017-ikm.txt"
    path.unlink() if content is None else path.write_bytes(content)
    fails_leaving_outputs(data_dir, match)
