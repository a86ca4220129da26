"""``draft-codebook``: write a starter codebook for a corpus, to edit."""

from __future__ import annotations

import argparse
import sys

NAME = "draft-codebook"
HELP = "draft a starter codebook (YAML) from a corpus's most repeated attributed claims, for you to edit"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", help="corpus folder, manifest.csv, .jsonl, .json or .csv")
    parser.add_argument("-o", "--out", default="codebook.yaml", metavar="PATH",
                        help="file to write (default: codebook.yaml); put it at the corpus folder's root and "
                             "every render of that corpus uses it")
    parser.add_argument("--claims", type=int, default=15, metavar="N",
                        help="claim entries drafted, most repeated first (default: 15)")
    parser.add_argument("--force", action="store_true", help="overwrite PATH if it exists")


def run(args: argparse.Namespace) -> int:
    from analysis.claims.codebook_draft import write_draft
    from analysis.errors import ParameterError

    if args.claims < 1:
        raise ParameterError(f"--claims must be at least 1, got {args.claims}")
    info = write_draft(args.corpus, args.out, max_claims=args.claims, force=args.force)
    print(f"{info['path']}: draft codebook with {info['n_claims']} claim(s) from {info['n_articles']:,} articles; "
          f"edit it (docs/codebook.md), then `python -m analysis render --corpus {args.corpus} "
          f"--codebook {info['path']}`", file=sys.stdout)
    return 0
