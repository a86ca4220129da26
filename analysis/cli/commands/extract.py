"""``extract``: run the pipeline over a corpus, chunk by chunk, into Parquet tables."""

from __future__ import annotations

import argparse
import sys

NAME = "extract"
HELP = "extract every table from a corpus into a folder of Parquet files (streams; bounded memory)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", help="corpus folder (.txt/.md/.html files), manifest.csv, .jsonl, "
                                       ".json or .csv (or a folder of Parquet tables to re-extract)")
    parser.add_argument("--out", required=True, metavar="DIR",
                        help="output folder: one <table>.parquet per table plus _run.json; written "
                             "beside DIR and renamed into place when complete, so DIR always holds "
                             "one whole run (new, empty, or an earlier extract's output)")
    parser.add_argument("--chunk-size", type=_positive, default=1000, metavar="N",
                        help="articles per chunk; memory grows with this, not with the corpus "
                             "(default: 1000)")
    from analysis.scale.pipeline import STEPS

    parser.add_argument("--steps", default=None, metavar="LIST",
                        help=f"comma-separated steps (default: all): {', '.join(STEPS)}")
    parser.add_argument("--codebook", default=None, metavar="PATH",
                        help="claims codebook (YAML) for the claims step (default: the corpus's own "
                             "codebook.yaml; with none the claims table is empty)")
    parser.add_argument("--engine", choices=("pandas", "dask"), default="pandas",
                        help="run the per-article steps here (pandas) or on a Dask cluster")
    parser.add_argument("--scheduler", default=None, metavar="ADDR",
                        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (implies --engine dask)")
    parser.add_argument("--workers", type=_positive, default=None, metavar="N",
                        help="worker processes of the local Dask cluster (implies --engine dask; "
                             "default: one per core)")
    parser.add_argument("--strict", action="store_true",
                        help="fail on the first unusable file instead of skipping it")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def run(args: argparse.Namespace) -> int:
    import warnings

    from analysis.scale.streaming import extract_to_parquet

    # said once, after the run, by extract_claims_warning below
    warnings.filterwarnings("ignore", message="tag_claims: no codebook")

    engine = "dask" if (args.scheduler or args.workers) else args.engine

    def progress(state: dict) -> None:
        if not args.quiet:
            rate = state["articles"] / state["seconds"] if state["seconds"] else 0.0
            print(f"chunk {state['chunks']}: {state['articles']:,} articles, "
                  f"{state['seconds']:.1f} s ({rate:,.1f} articles/s)", file=sys.stderr)

    info = extract_to_parquet(
        args.corpus, args.out, args.steps, chunk_size=args.chunk_size, engine=engine,
        codebook=args.codebook, strict=args.strict, scheduler=args.scheduler,
        n_workers=args.workers, progress=progress,
    )
    from analysis.report.claims import extract_claims_warning

    warning = extract_claims_warning(info)
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    width = max(len(name) for name in info["tables"])
    for name, rows in info["tables"].items():
        print(f"{name:<{width}}  {rows:>10,} rows  {args.out}/{name}.parquet")
    skipped = len(info["skipped"])
    print(f"{info['articles']:,} articles in {info['chunks']} chunk(s), {info['seconds']:.1f} s"
          + (f"; {skipped} file(s) skipped (listed in {args.out}/_run.json)" if skipped else ""))
    return 0
