"""Precision, recall and F1 of extract_quantities and extract_dates against
hand-labelled tables: the five seed articles and the held-out sentences.

The held-out tables (``tests/fixtures/heldout_quantities.csv``,
``heldout_dates.csv``) are news sentences written in the styles of wire,
broadcaster and business/sport news that are *not* in the seeds, labelled by
hand before the extractors were run on them. Each sentence is scored as an
article of its own (its ``published`` column fixes relative dates).

Scoring matches predicted rows to gold rows within one article (one
sentence for the held-out tables), one-to-one, on a key:

quantities
    ``value``      -- value and value_high (relative tolerance 1e-3);
    ``+unit``      -- and unit;
    ``+qualifier`` -- and qualifier;
    ``all``        -- and kind and of_value.
dates
    ``date``       -- the first day;
    ``+precision`` -- date, date_end and precision.

A sentence labelled with no figure (a negative: "Su-27", "Route 9", "1-0")
adds false positives only. Usage::

    .venv/bin/python benchmarks/eval_extraction.py [--misses]

``--misses`` lists every unmatched gold and predicted row under the strictest
key, which is what to read when changing a rule.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

import analysis  # noqa: E402
from analysis.extract.dates.extractor import extract_dates  # noqa: E402
from analysis.extract.quantities.extractor import extract_quantities  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures"


def _num(x) -> float | None:
    if x is None or (isinstance(x, float) and math.isnan(x)) or x == "":
        return None
    # six significant digits: 33.3333 (a third) matches 33.33333...
    return float(f"{float(x):.6g}")


def _date(x) -> str | None:
    if x is None or x == "" or pd.isna(x):
        return None
    return pd.Timestamp(x).strftime("%Y-%m-%d")


QUANTITY_KEYS = {
    "value": lambda r: (_num(r["value"]), _num(r["value_high"])),
    "+unit": lambda r: (_num(r["value"]), _num(r["value_high"]), r["unit"]),
    "+qualifier": lambda r: (_num(r["value"]), _num(r["value_high"]), r["unit"], r["qualifier"]),
    "all": lambda r: (_num(r["value"]), _num(r["value_high"]), r["unit"], r["qualifier"],
                      r["kind"], _num(r["of_value"])),
}
DATE_KEYS = {
    "date": lambda r: (_date(r["date"]),),
    "+precision": lambda r: (_date(r["date"]), _date(r["date_end"]), r["precision"]),
}


def score(gold: pd.DataFrame, pred: pd.DataFrame, group: str, keys: dict) -> dict:
    """Micro precision/recall/F1 per key, plus the unmatched rows of the last key.

    Parameters
    ----------
    gold, pred : DataFrame
        Rows with a ``group`` column and the columns the key functions read.
        Gold rows with an empty ``surface`` are negatives (no figure expected).
    group : str
        Column naming the unit within which rows are matched.
    keys : dict
        Name -> function(row) -> hashable.

    Returns
    -------
    dict
        key name -> {"p", "r", "f1", "tp", "n_gold", "n_pred"}; ``"misses"`` ->
        (list of unmatched gold rows, list of unmatched predicted rows) under the last key.
    """
    gold = gold[gold["surface"].astype(str) != ""]
    out: dict = {}
    for name, key in keys.items():
        tp = 0
        missed, spurious = [], []
        groups = set(gold[group]) | set(pred[group])
        g_by = {k: v for k, v in gold.groupby(group)}
        p_by = {k: v for k, v in pred.groupby(group)}
        for gid in sorted(groups):
            g_rows = g_by.get(gid, gold.iloc[:0]).to_dict("records")
            p_rows = p_by.get(gid, pred.iloc[:0]).to_dict("records")
            pool = Counter(key(r) for r in p_rows)
            matched = Counter()
            for r in g_rows:
                k = key(r)
                if pool[k] > 0:
                    pool[k] -= 1
                    matched[k] += 1
                    tp += 1
                else:
                    missed.append(r)
            for r in p_rows:
                k = key(r)
                if matched[k] > 0:
                    matched[k] -= 1
                else:
                    spurious.append(r)
        n_gold, n_pred = len(gold), len(pred)
        p = tp / n_pred if n_pred else 1.0
        rec = tp / n_gold if n_gold else 1.0
        f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
        out[name] = {"p": p, "r": rec, "f1": f1, "tp": tp, "n_gold": n_gold, "n_pred": n_pred}
        out["misses"] = (missed, spurious)
    return out


def _heldout_articles(table: pd.DataFrame) -> pd.DataFrame:
    cases = table.drop_duplicates("case")
    published = cases["published"] if "published" in cases else pd.Series(["2024-11-06"] * len(cases))
    return pd.DataFrame({
        "article_id": cases["case"].to_numpy(),
        "outlet": "heldout",
        "published": pd.to_datetime(published.to_numpy()),
        "headline": "",
        "body": cases["text"].to_numpy(),
        "wire": "",
    })


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(FIXTURES / name, dtype=str, keep_default_na=False)


def _evaluate(extract, seed_table: str, heldout_table: str, keys) -> dict:
    """Scores of ``extract`` on a seed table and a held-out table."""
    seed_gold = _read(seed_table).rename(columns={"article_id": "case"})
    seed_pred = extract(analysis.load_corpus(REPO / "seeds")).rename(columns={"article_id": "case"})
    held = _read(heldout_table)
    pred = extract(_heldout_articles(held)).rename(columns={"article_id": "case"})
    return {"seeds": score(seed_gold, seed_pred, "case", keys),
            "heldout": score(held, pred, "case", keys)}


def evaluate_quantities() -> dict:
    """Scores of extract_quantities on the seed and held-out tables."""
    return _evaluate(extract_quantities, "seed_quantities.csv", "heldout_quantities.csv", QUANTITY_KEYS)


def evaluate_dates() -> dict:
    """Scores of extract_dates on the seed and held-out tables."""
    return _evaluate(extract_dates, "seed_dates.csv", "heldout_dates.csv", DATE_KEYS)


def _print(title: str, results: dict, misses: bool) -> None:
    print(f"\n{title}")
    for table, res in results.items():
        for name, s in res.items():
            if name == "misses":
                continue
            print(f"  {table:8s} {name:11s} P {s['p']:.3f}  R {s['r']:.3f}  F1 {s['f1']:.3f}"
                  f"   (tp {s['tp']}, gold {s['n_gold']}, predicted {s['n_pred']})")
        if misses:
            missed, spurious = res["misses"]
            cols = [c for c in ("surface", "value", "value_high", "unit", "qualifier", "kind", "of_value",
                                "date", "date_end", "precision") if c in (missed or spurious or [{}])[0]]
            for r in missed:
                print(f"    MISSED   {r['case']}: " + " | ".join(str(r.get(c, "")) for c in cols))
            for r in spurious:
                print(f"    SPURIOUS {r['case']}: " + " | ".join(str(r.get(c, "")) for c in cols))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list unmatched rows under the strictest key")
    args = parser.parse_args(argv)
    _print("extract_quantities", evaluate_quantities(), args.misses)
    _print("extract_dates", evaluate_dates(), args.misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
