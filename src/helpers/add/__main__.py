"""python -m helpers.add: add an article and review the register rows proposed for it.

python -m helpers.add FILE [--source-id ID] [--publisher P] [--title T]
                           [--published YYYY-MM-DD] [--language id|en] [--url URL]
python -m helpers.add accept SOURCE_ID [ROW ...] [--all]
python -m helpers.add reject SOURCE_ID [ROW ...] [--all]
python -m helpers.add propose SOURCE_ID
"""

import argparse
import functools
import sys
from pathlib import Path

from helpers.add import article, review
from helpers.core.paths import DATA, display_path

EPILOG = """\
then review data/proposals/<source_id>.csv and:
  python -m helpers.add accept SOURCE_ID [ROW ...]  put rows into data/register.csv
                                                    (no ROW: the rows whose status you set
                                                    to accepted; --all: every proposed row)
  python -m helpers.add reject SOURCE_ID ROW ...    mark rows rejected (--all: every proposed)
  python -m helpers.add propose SOURCE_ID           propose again with the current rules
"""


def add_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.add",
        description="Copy an article into data/raw/, add its row to data/sources.csv and "
        "propose register rows for its figures in data/proposals/<source_id>.csv. What the "
        "text does not say is taken from the options, or asked at a terminal.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", type=Path, help="the article's text, UTF-8, at most 5 MB")
    option = functools.partial(parser.add_argument, type=str.strip)  # "id\r" from a CRLF list
    option("--source-id", help="id of the source (default: the file's name)")
    option("--publisher", help="news outlet (default: read from the text)")
    option("--title", help="headline (default: read from the text)")
    option("--published", help="YYYY-MM-DD or YYYY (default: read from the text)")
    option("--language", choices=["id", "en"], help="default: read from the text")
    option("--url", default="", help="address of the article, if known")
    parser.add_argument("--data", type=Path, default=DATA, help=argparse.SUPPRESS)
    return parser


def review_parser(command: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"python -m helpers.add {command}")
    parser.add_argument("source_id")
    if command != "propose":
        parser.add_argument("rows", nargs="*", type=int, help="row numbers of the proposals")
        parser.add_argument("--all", action="store_true", help="every proposed row")
    parser.add_argument("--data", type=Path, default=DATA, help=argparse.SUPPRESS)
    return parser


def ask_at_terminal(field: str, hint: str) -> str:
    return input(f"{field.replace('_', ' ')} ({hint}): ").strip()


def show(table) -> None:
    for row in table.itertuples():
        place = f"{row.indicator} {row.period} {row.kind}".strip() or "-"
        print(f"  {row.row:>3} {row.status:<9} {place:<40} {row.mention!r}  {row.reason}")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        if args and args[0] in ("accept", "reject", "propose"):
            options = review_parser(args[0]).parse_args(args[1:])
            data = options.data
            if args[0] == "propose":
                path, table = article.propose_again(data, options.source_id)
                show(table)
                print(f"wrote {display_path(path, data)}")
                return 0
            act = review.accept_rows if args[0] == "accept" else review.reject_rows
            done = act(data, options.source_id, options.rows, options.all)
            for line in done:
                print(line)
            print(f"{args[0]}ed {len(done)} rows" if done else "nothing to do")
            return 0
        options = add_parser().parse_args(args)
        given = {f: getattr(options, f) for f in article.FIELDS}
        ask = ask_at_terminal if sys.stdin.isatty() else None
        try:
            new = article.build(options.file, options.data, {**given, "url": options.url}, ask)
        except article.AlreadyAdded as added:  # the same command twice gives the same result
            path, table = article.propose_again(options.data, added.source_id)
            show(table)
            print(f"{added}: nothing added, its proposals made again: wrote "
                  f"{display_path(path, options.data)}")  # fmt: skip
            return 0
        for field, how in new.found.items():
            print(f"{field}: {new.row[field]} ({how})")
        show(new.proposals)
        for path in article.write(new, options.data):
            print(f"wrote {path}")
        proposed = (new.proposals.status == "proposed").sum()
        where = display_path(review.proposals_path(options.data, new.source_id), options.data)
        print(
            f"{proposed} rows proposed: review {where}, then "
            f"python -m helpers.add accept {new.source_id} [ROW ...]"
        )
        return 0
    except (ValueError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
