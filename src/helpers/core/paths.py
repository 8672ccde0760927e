"""Where the workspace keeps its data, so notebooks, runner and tests agree on one layout."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "data"
REPORTS = ROOT / "reports"
NOTEBOOKS = ROOT / "notebooks"
CACHE = ROOT / ".cache"  # derived data kept between runs (gitignored; IKM_CACHE_DIR moves it)


def display_path(path: Path, data_dir: Path) -> str:
    """A path as messages show it: relative to the data folder or as given, never absolute."""
    try:
        return f"data/{path.relative_to(data_dir).as_posix()}"
    except ValueError:
        return path.name if path.is_absolute() else path.as_posix()
