"""Cost of the explorer and the marked article view as the corpus grows.

The seeds' pipeline tables are replicated to N articles (ids made unique,
``<id>#r<copy>``; no extraction is re-run, so this measures only the
explorer), then timed: building the statement table, one filter change
(stance + speaker, with the four choice lists recounted), one click on a
statement (the marked article from in-memory tables -- the first click
builds the per-article index of :class:`~analysis.explore.article_view.ArticleTables`,
later clicks use it -- and from a Parquet folder, which reads only that
article's rows; written here by ``write_tables`` as one row group per table,
the worst case: ``extract`` writes a row group per chunk, which the filtered
read skips by its statistics).

Usage::

    python benchmarks/bench_explorer.py            # 2,000 / 20,000 / 100,000 articles
    python benchmarks/bench_explorer.py --quick    # 2,000 / 10,000
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pandas as pd

import analysis
from analysis.explore.article_view import ArticleTables, show_article
from analysis.explore.explorer import facet_counts, filter_statements, statement_table
from analysis.scale.tables import write_tables

REPO = Path(__file__).resolve().parents[1]
ID_COLUMNS = {"reuse": ("article_a", "article_b")}


def replicate(tables: dict[str, pd.DataFrame], copies: int) -> dict[str, pd.DataFrame]:
    out = {}
    for name, frame in tables.items():
        if name in ("claim_frequency", "agreement", "readability"):
            continue
        cols = ID_COLUMNS.get(name, ("article_id",))
        parts = []
        for k in range(copies):
            part = frame.copy()
            for col in cols:
                part[col] = part[col].astype(str) + f"#r{k}"
            if name == "origins":
                part["origin_id"] = part["origin_id"].astype(str) + f"#r{k}"
            parts.append(part)
        out[name] = pd.concat(parts, ignore_index=True)
    return out


def timed(fn):
    t0 = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    base = analysis.run_pipeline(analysis.load_corpus(REPO / "seeds"))
    n_base = len(base["articles"])
    sizes = (2_000, 10_000) if args.quick else (2_000, 20_000, 100_000)
    print(f"{'articles':>9} {'statements':>11} {'table s':>8} {'filter s':>9} {'1st click s':>12} "
          f"{'click s':>8} {'click(disk) s':>14}")
    for size in sizes:
        tables = replicate(base, max(1, size // n_base))
        arts = tables["articles"]
        statements, t_table = timed(lambda: statement_table(tables["claims"], arts, tables["origins"]))

        def change():
            kept = filter_statements(statements, stances="denies", speakers="Moscow and Pyongyang")
            for col in ("claim_id", "stance", "speaker", "outlet"):
                facet_counts(statements, col, stances="denies", speakers="Moscow and Pyongyang")
            return kept

        kept, t_filter = timed(change)
        row = kept.iloc[len(kept) // 2]
        focus = [(int(row["start"]), int(row["end"]))]
        indexed = ArticleTables(tables)
        _, t_index = timed(lambda: show_article(row["article_id"], arts, indexed, focus=focus))  # builds the index
        _, t_click = timed(lambda: show_article(row["article_id"], arts, indexed, focus=focus))
        with tempfile.TemporaryDirectory() as tmp:
            folder = write_tables(tables, Path(tmp) / "out")
            _, t_disk = timed(lambda: show_article(row["article_id"], folder, folder, focus=focus))
        print(f"{len(arts):>9,} {len(statements):>11,} {t_table:>8.2f} {t_filter:>9.2f} {t_index:>12.2f} "
              f"{t_click:>8.3f} {t_disk:>14.2f}")


if __name__ == "__main__":
    main()
