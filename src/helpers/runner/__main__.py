"""python -m helpers.runner: run every set of notebooks/runs.yaml (see --help)."""

import sys

from helpers.runner.run import main

if __name__ == "__main__":
    sys.exit(main())
