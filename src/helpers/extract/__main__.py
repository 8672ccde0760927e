"""python -m helpers.extract SOURCE_ID: a source's normalised text, to copy quotes from."""

import argparse
import difflib
import sys
from pathlib import Path

from helpers.core.paths import DATA
from helpers.extract.cache import parsed_source
from helpers.extract.sources import load_sources, read_raw


def normalised_text(data_dir: Path, source_id: str) -> str:
    """The normalised text of one source of data/sources.csv, after its checks; ValueError
    naming the file, or an unknown id and the ids closest to it."""
    sources = load_sources(data_dir).set_index("source_id")
    if source_id not in sources.index:
        close = difflib.get_close_matches(source_id, sources.index.tolist(), n=3)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise ValueError(
            f"{source_id!r} is not a source_id of data/sources.csv ({len(sources)} sources){hint}"
        )
    source = sources.loc[source_id]
    raw = read_raw(data_dir, source_id, source.sha256)
    return parsed_source(raw, source.sha256, source.language).text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.extract",
        description="Print a source's normalised text, the text a register quote is copied "
        "from (data/register.csv), after checking its raw file against data/sources.csv.",
    )
    parser.add_argument("source_id", help="a source_id of data/sources.csv")
    parser.add_argument("--data", type=Path, default=DATA, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        text = normalised_text(args.data, args.source_id)
    except (ValueError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
