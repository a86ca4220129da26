"""Cells every report notebook shares."""

from __future__ import annotations

SETUP = ("code", '''
%matplotlib inline
import pandas as pd

import analysis
from analysis import plots, report_data

pd.set_option("display.max_colwidth", 160)
pd.set_option("display.max_rows", 80)
''', [])

# The lines every parameters cell starts with (the renderer reads this cell
# with ast: plain literal assignments only, one comment each).
COMMON_PARAMETERS = '''
corpus = "../seeds"  # corpus folder, manifest.csv or records file; relative paths start at notebooks/
codebook = ""  # claims codebook YAML file, empty for the default codebook shipped with the package
figures_dir = "../figures"  # where charts (PNG + SVG) and the summary JSON are written
run_date = ""  # ISO date of this run (YYYY-MM-DD) shown in the report, empty if not given
'''.strip("\n")


def parameters(extra: str = "") -> tuple[str, str, list[str]]:
    """The parameters cell: the common lines plus notebook-specific knobs."""
    body = COMMON_PARAMETERS + ("\n" + extra.strip("\n") if extra.strip() else "")
    return ("code", body, ["parameters"])


LOAD = ("code", '''
corpus_path = report_data.resolve_path(corpus)
figures_path = report_data.resolve_path(figures_dir)
articles = analysis.load_corpus(corpus_path)
report_data.run_info(articles, corpus, run_date)
''', [])


def summary_cell(name: str, body: str) -> tuple[str, str, list[str]]:
    """Last cell: collect ``summary`` and write it next to the figures."""
    return ("code", body.strip("\n") + f'''
report_data.write_summary(summary, figures_path, "{name}")
pd.Series(summary, name="value", dtype=object).to_frame()
''', [])
