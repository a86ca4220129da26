"""How well codebook-free claims recover hand-labelled claims (the dev sets).

For each set in ``../shared/devset/`` (``nk_russia``, ``nord_stream``,
``al_ahli``: real articles with ``claims_gold.csv``), the gold rows are
located in the articles (their ``sentence_snippet`` found in the body, the
sentence holding it) and the codebook-free claims of the reports
(:func:`analysis.claims.clusters.codebook_free_claims`) are computed at each
clustering threshold. Printed per set and threshold:

``together``
    the share of gold claims whose sentences fall in one cluster: for each
    gold claim (claim id) with located sentences in at least two articles,
    the largest share of those sentences inside a single cluster, averaged
    over the claims (1.0: every claim's sentences are one cluster; a claim
    whose sentences are in no cluster counts 0);
``purity``
    over clusters holding gold-labelled sentences: the share of those
    sentences that carry the cluster's most common gold claim (a sentence
    with several gold claims counts for the cluster's claim when it is one
    of them), weighted by labelled sentences;
``covered``
    the share of located gold sentences that are in some cluster;
``clusters``, ``labelled``
    the number of clusters and how many hold a gold-labelled sentence.

The threshold of :func:`analysis.cluster_claims` is chosen here, on these
sets, never on the seeds (which the rules were written from).

Usage::

    .venv/bin/python benchmarks/eval_claim_clusters.py [--quick] [--all-sentences] [--devset DIR]
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

import analysis  # noqa: E402
from analysis.claims.clusters import codebook_free_claims  # noqa: E402

# ../shared/devset beside the checkout (or beside a parent folder, for a git worktree)
DEVSET = next((p / "shared" / "devset" for p in REPO.parents if (p / "shared" / "devset").is_dir()),
              REPO.parent / "shared" / "devset")
SETS = ("nk_russia", "nord_stream", "al_ahli")
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


def locate_gold(articles: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Gold rows with the (article_id, sentence_id) holding their snippet; unlocated rows dropped."""
    sents = analysis.sentences(articles)
    bodies = dict(zip(articles["article_id"].astype(str), articles["body"].astype(str)))
    spans = defaultdict(list)
    for aid, sid, start, end in zip(sents["article_id"].astype(str), sents["sentence_id"], sents["start"],
                                    sents["end"]):
        spans[aid].append((int(start), int(end), int(sid)))
    rows = []
    for row in gold.itertuples(index=False):
        body = bodies.get(str(row.article_id), "")
        snippet = " ".join(str(row.sentence_snippet).split())
        at = body.find(snippet)
        if at < 0:  # whitespace may differ between snippet and body
            flat = " ".join(body.split())
            if snippet not in flat:
                continue
            at = body.find(snippet.split()[0])
        sid = next((s for a, b, s in spans[str(row.article_id)] if a <= at < b), None)
        if sid is not None:
            rows.append((str(row.article_id), sid, str(row.claim_id)))
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "claim_id"]).drop_duplicates()


def cluster_scores(clusters: pd.DataFrame, gold: pd.DataFrame) -> dict[str, float]:
    """together / purity / covered of a clusters table (article_id, sentence_id, claim_id) against located gold."""
    where = {(a, int(s)): c for a, s, c in zip(clusters["article_id"].astype(str), clusters["sentence_id"],
                                               clusters["claim_id"])}
    together = []
    for claim, g in gold.groupby("claim_id"):
        if g["article_id"].nunique() < 2:
            continue  # a claim made in one article only cannot be a cross-source cluster
        keys = {(a, int(s)) for a, s in zip(g["article_id"], g["sentence_id"])}
        counts = Counter(where[k] for k in keys if k in where)
        together.append(max(counts.values()) / len(keys) if counts else 0.0)
    claims_of = defaultdict(set)
    for a, s, c in zip(gold["article_id"], gold["sentence_id"], gold["claim_id"]):
        claims_of[(a, int(s))].add(c)
    members = defaultdict(list)
    for key, cid in where.items():
        if key in claims_of:
            members[cid].append(claims_of[key])
    pure = total = 0
    for labelled in members.values():
        top, _ = Counter(c for cs in labelled for c in cs).most_common(1)[0]
        pure += sum(top in cs for cs in labelled)
        total += len(labelled)
    located = set(claims_of)
    return {
        "together": sum(together) / len(together) if together else 0.0,
        "n_claims": len(together),
        "purity": pure / total if total else 0.0,
        "covered": len(located & set(where)) / len(located) if located else 0.0,
        "clusters": int(clusters["claim_id"].nunique()),
        "labelled": len(members),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", default=str(DEVSET), help="folder holding the sets (default: ../shared/devset)")
    parser.add_argument("--quick", action="store_true", help="only the default threshold")
    parser.add_argument("--all-sentences", action="store_true",
                        help="keep clusters without an attributed sentence too (attributed_only=False)")
    parser.add_argument("--thresholds", default=None, help="comma-separated thresholds to try")
    parser.add_argument("--min-content-words", type=int, default=None,
                        help="content words two paraphrases must share (default: cluster_claims')")
    args = parser.parse_args(argv)
    options = {} if args.min_content_words is None else {"min_content_words": args.min_content_words}
    from inspect import signature

    default = signature(codebook_free_claims).parameters["threshold"].default
    thresholds = ([default] if args.quick else
                  [float(t) for t in args.thresholds.split(",")] if args.thresholds else THRESHOLDS)
    print(f"{'set':<12} {'thr':>5} {'together':>9} {'purity':>7} {'covered':>8} {'clusters':>9} "
          f"{'labelled':>9} {'claims':>7}")
    means = defaultdict(list)
    for name in SETS:
        root = Path(args.devset) / name
        if not (root / "claims_gold.csv").is_file():
            print(f"{name}: no claims_gold.csv under {root}, skipped")
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            articles = analysis.load_corpus(root / "manifest.csv")
            attributions = analysis.extract_attributions(articles, narrator=True)
        gold = locate_gold(articles, pd.read_csv(root / "claims_gold.csv", dtype={"article_id": str}))
        for t in thresholds:
            got = codebook_free_claims(articles, attributions=attributions, threshold=t,
                                       attributed_only=not args.all_sentences, **options)
            s = cluster_scores(got, gold)
            means[t].append(s)
            print(f"{name:<12} {t:>5.2f} {s['together']:>9.3f} {s['purity']:>7.3f} {s['covered']:>8.3f} "
                  f"{s['clusters']:>9} {s['labelled']:>9} {s['n_claims']:>7}")
    for t, scores in means.items():
        tog = sum(s["together"] for s in scores) / len(scores)
        pur = sum(s["purity"] for s in scores) / len(scores)
        print(f"{'mean':<12} {t:>5.2f} {tog:>9.3f} {pur:>7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
