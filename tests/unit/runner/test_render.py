"""The runner: checked run sets, parallel kernels, atomic publishing, stable reports."""

import nbformat

from helpers.runner import browser, render


def test_remote_loads_finds_scripts_styles_and_images_but_not_links():
    page = (
        '<script src="https://cdn.example/x.js"></script><link rel="stylesheet" '
        'href="//cdn.example/x.css"><style>@import "https://f.example/a.css"; '
        "b { background: url(https://i.example/b.png) }</style><img src=http://i.example/c.png>"
    )
    assert len(browser.remote_loads(page)) == 5
    assert (
        browser.remote_loads('<a href="https://otexts.com/fpp3/">FPP3</a><img src="data:x">') == []
    )


def test_headline_reads_the_tagged_cell():
    cell = nbformat.v4.new_code_cell("x", metadata={"tags": ["headline"]})
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": "3 met\n"})]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("y"), cell])
    assert render.headline(notebook) == "3 met"
