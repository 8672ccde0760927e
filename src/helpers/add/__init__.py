"""Stage 1b, add: a new article into the workspace, with proposed register rows to review.

Input: an article's text (a file anywhere), data/sources.csv, data/indicators.csv (with each
indicator's keywords), data/publishers.csv, data/proposal_words.csv, data/register.csv.
Output: data/raw/<source_id>.txt (the file byte for byte), its row in data/sources.csv, and
data/proposals/<source_id>.csv: every figure the parser finds, proposed as a register row
(indicator, period, kind, quote, confidence) or listed with the reason it could not be
placed. Only rows a researcher accepts (`python -m helpers.add accept`) reach
data/register.csv; nothing is written unless all of it can be.

Modules: `metadata` (publisher, date, title and language read from the text), `propose` (the
rules that place a figure), `review` (the proposals file, accept and reject), `article` (the
stage: `build` a new source, `write` it), `__main__` (the command, `--help`).
"""
