"""Run the notebooks: `run` renders reports, `refresh` re-executes the committed notebooks.

python -m helpers.runner run       # papermill -> reports/NAME.ipynb and reports/NAME.html
python -m helpers.runner refresh   # re-execute notebooks/ in place (nbval's reference)
"""

import argparse
import sys
import tempfile
from pathlib import Path

import nbformat
import papermill as pm
from nbconvert import HTMLExporter

from helpers.paths import NOTEBOOKS, REPORTS

VOLATILE_CELL_METADATA = ("papermill", "execution")


def notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The workspace's notebooks, in the order the data flows through them."""
    return sorted(folder.glob("[0-9][0-9]-*.ipynb"))


def execute(source: Path, target: Path, parameters: dict | None = None) -> None:
    """Execute a notebook with papermill, with its folder as working directory."""
    pm.execute_notebook(
        str(source),
        str(target),
        parameters=parameters or {},
        cwd=str(source.parent),
        kernel_name="python3",
        progress_bar=False,
    )


def strip_volatile(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop the timings and run details papermill records, which differ on every run."""
    notebook.metadata.pop("papermill", None)
    for cell in notebook.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
    return notebook


def render_html(executed: Path, target: Path) -> None:
    """Render an executed notebook as HTML for readers: outputs and prose, no code."""
    exporter = HTMLExporter(
        template_name="lab",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(strip_volatile(nbformat.read(executed, as_version=4)))
    target.write_text(body, encoding="utf-8")


def run(folder: Path = NOTEBOOKS, reports: Path = REPORTS) -> None:
    """Execute every notebook with its default parameters and render each as HTML."""
    reports.mkdir(exist_ok=True)
    for source in notebooks(folder):
        executed = reports / source.name
        execute(source, executed)
        render_html(executed, executed.with_suffix(".html"))
        print(f"{source.name}: reports/{executed.with_suffix('.html').name}")


def refresh(folder: Path = NOTEBOOKS) -> None:
    """Re-execute the committed notebooks in place after an intended change of output."""
    for source in notebooks(folder):
        with tempfile.TemporaryDirectory() as tmp:
            executed = Path(tmp) / source.name
            execute(source, executed)
            nbformat.write(strip_volatile(nbformat.read(executed, as_version=4)), source)
        print(f"{source.name}: re-executed in place")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["run", "refresh"])
    args = parser.parse_args(argv)
    try:
        run() if args.command == "run" else refresh()
    except pm.PapermillExecutionError as error:
        print(f"notebook failed: {error.ename}: {error.evalue}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
