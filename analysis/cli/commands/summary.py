"""``summary``: print the corpus table (and readability) for a corpus."""

from __future__ import annotations

import argparse

import pandas as pd

from analysis.paths import default_corpus

NAME = "summary"
HELP = "print one line per article of a corpus, with readability scores"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", nargs="?", default=None,
                        help="corpus folder, manifest.csv, .jsonl or .csv (default: the repository's seeds/)")
    parser.add_argument("--strict", action="store_true", help="fail on the first unusable file instead of skipping it")
    parser.add_argument("--no-readability", action="store_true", help="leave out the readability scores")


def run(args: argparse.Namespace) -> int:
    from analysis.corpus.load import load_corpus

    articles = load_corpus(args.corpus or default_corpus(), strict=args.strict)
    table = articles[["article_id", "outlet", "published", "wire", "n_words", "headline"]].copy()
    table["published"] = table["published"].dt.strftime("%Y-%m-%d").fillna("unknown")
    table["headline"] = table["headline"].str.slice(0, 60)
    if not args.no_readability:
        from analysis.text.readability import readability

        scores = readability(articles)[["article_id", "flesch_reading_ease", "flesch_kincaid_grade"]]
        table = table.merge(scores.round(1), on="article_id", how="left")
    with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 60):
        print(table.to_string(index=False))
    skipped = articles.attrs.get("skipped", [])
    print(f"\n{len(articles)} articles, {int(articles['n_words'].sum()):,} words"
          + (f"; {len(skipped)} file(s) skipped" if skipped else ""))
    return 0
