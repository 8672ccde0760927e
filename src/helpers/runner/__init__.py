"""Stage 8, runner: from the notebooks and notebooks/runs.yaml to published reports.

Input: the notebooks, each with a cell tagged `parameters`, and the run sets of
notebooks/runs.yaml. Output: reports/<set>/ (executed notebooks, reader's and full HTML, the
reader's PDF where Chromium is installed, tables and figures), reports/index.html,
reports/methodology.html and reports/screenshots/; the default set also refreshes
data/processed/.

Modules: `runsets` (run sets read and checked before anything runs), `execute` (one
notebook through papermill on IPC kernels), `render` (offline HTML and the index), `run`
(the command: `python -m helpers.runner`), `notebook_check` (committed notebooks executed
once, in order), `chromium` (headless Chromium driven over the DevTools protocol), `browser`
(reports opened in it, as a reader would), `pdf` (a reader's report printed to PDF by it).
"""
