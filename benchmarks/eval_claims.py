"""Accuracy of tag_claims on hand-labelled articles: the seeds and a held-out set.

Prints precision / recall / F1 for three levels — the claim found in the
sentence (``claim``), with the right stance (``claim+stance``), with an
acceptable speaker (``speaker``) — on

* the five seed articles (``seeds/``, labels ``tests/fixtures/seed_claims_expected.csv``;
  the rules were written while looking at them, so this is training accuracy), and
* ten held-out articles in other outlets' styles (``tests/fixtures/heldout/``,
  labels ``tests/fixtures/heldout_claims_expected.csv``, labelled before the
  tagger was run on them).

``--diff`` also lists every disagreement on the held-out set.

Usage::

    .venv/bin/python benchmarks/eval_claims.py [--diff]
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

import analysis  # noqa: E402
from analysis.claims.scoring import differences, resolve_prefixes, score_claims  # noqa: E402
from analysis.claims.codebook import SAMPLE_CODEBOOK  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures"
SETS = {
    "seeds": (REPO / "seeds", FIXTURES / "seed_claims_expected.csv"),
    "held-out": (FIXTURES / "heldout", FIXTURES / "heldout_claims_expected.csv"),
}


def evaluate(name: str) -> tuple[dict, pd.DataFrame]:
    corpus, labels = SETS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        arts = analysis.load_corpus(corpus)
    expected = resolve_prefixes(pd.read_csv(labels), analysis.sentences(arts))
    got = analysis.tag_claims(arts, codebook=SAMPLE_CODEBOOK)  # both sets are on the sample topic
    return score_claims(got, expected), differences(got, expected)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--diff", action="store_true", help="list every disagreement on the held-out set")
    args = parser.parse_args(argv)
    print(f"{'set':<9} {'level':<13} {'P':>6} {'R':>6} {'F1':>6}   tp/got/expected")
    diff = None
    for name in SETS:
        scores, d = evaluate(name)
        if name == "held-out":
            diff = d
        for level, s in scores.items():
            print(f"{name:<9} {level:<13} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}   "
                  f"{s.tp}/{s.n_got}/{s.n_expected}")
    if args.diff and diff is not None:
        with pd.option_context("display.width", 250, "display.max_colwidth", 90, "display.max_rows", 500):
            print(diff.to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
