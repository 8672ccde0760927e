"""Stage 7, report: the stages' tables as a reader sees them, in English or Bahasa Indonesia.

Input: the tables of helpers.clean, helpers.trends and helpers.targets, and
data/translations.csv and data/indicators.csv for the words. Output: tables, figures,
verdicts and one-line headlines for the notebooks to show, in the language `lang`; nothing
is computed here that a later table depends on.

Modules: `language` (texts and numbers in a language), `display` (readable figures and
tables), `plots` (deterministic figures), `verdicts` (the verdict tables), `headlines` (the
one-line results the report index shows).
"""

from helpers.report.language import parameter_checks

__all__ = ["parameter_checks"]
