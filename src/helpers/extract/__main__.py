"""python -m helpers.extract SOURCE_ID: a source's normalised text, to copy quotes from."""

import sys

from helpers.core.paths import DATA
from helpers.extract.figures import normalised_texts
from helpers.extract.sources import load_sources

if __name__ == "__main__":
    print(normalised_texts(DATA, load_sources(DATA))[sys.argv[1]], end="")
