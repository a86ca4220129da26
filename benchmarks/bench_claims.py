"""Throughput of attribution, claim tagging and claim clustering on the BBC bench corpus.

Times a bare ``\w+`` pass over the bodies (the yardstick), then
:func:`analysis.extract_attributions`, :func:`analysis.tag_claims`
(the sample codebook, reusing the attributions, as a pipeline does) and
``tag_claims`` alone (attributions and claims together: it computes
attributions only for the articles some rule of the codebook can match), in
MB/s (UTF-8 bytes of the article bodies) and articles/s, each also as a
multiple of the ``\w+`` pass (issue 12 asks attributions + claims within 15x),
from CPU time of this process (independent of what else the machine does)
and wall-clock time, best of ``--repeat`` runs. Then
:func:`analysis.cluster_claims` once (it is corpus-level, not per-article),
and a linearity check: attribution + claims on the first half of the corpus
versus all of it.

The BBC corpus is off-topic for the sample codebook, so the claims figure
is the cost of *looking*; the seeds give the cost of finding. No crash on
2,224 real articles is part of the result.

Usage::

    .venv/bin/python benchmarks/bench_claims.py [CORPUS] [--repeat 3] [--no-clusters]
    .venv/bin/python benchmarks/bench_claims.py --quick    # every 4th article, one run, no clusters
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import analysis  # noqa: E402
from analysis.sources.attribution import extract_attributions  # noqa: E402
from analysis.claims.clusters import cluster_claims  # noqa: E402
from analysis.claims.tagger import tag_claims  # noqa: E402
from analysis.claims.codebook import SAMPLE_CODEBOOK  # noqa: E402

from timing import DEFAULT_CORPUS, best_time, body_mb, load_bench_corpus, report  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-clusters", action="store_true", help="skip cluster_claims")
    parser.add_argument("--quick", action="store_true", help="every 4th article, one run, no clusters")
    args = parser.parse_args(argv)
    loaded = load_bench_corpus(args.corpus)
    if loaded is None:
        return 2
    articles, mb, n = loaded
    if args.quick:
        articles = articles.iloc[::4].reset_index(drop=True)
        mb, n = body_mb(articles["body"]), len(articles)
        args.repeat, args.no_clusters = 1, True
    print(f"corpus: {args.corpus}  {n} articles, {mb:.2f} MB of body text, best of {args.repeat}")

    word = re.compile(r"\w+")
    cpu_w, wall_w, _ = best_time(lambda: [word.findall(b) for b in articles["body"]], max(args.repeat, 3))
    report("bare \\w+ pass (yardstick)", mb, n, cpu_w, wall_w)

    def times(cpu: float) -> str:
        return f"= {cpu / max(cpu_w, 1e-9):.1f}x the \\w+ pass"

    cpu_a, wall_a, attrs = best_time(lambda: extract_attributions(articles), args.repeat)
    report("extract_attributions", mb, n, cpu_a, wall_a, times(cpu_a))
    # the sample codebook, passed explicitly: the bench corpus has none of its own
    cpu_c, wall_c, claims = best_time(lambda: tag_claims(articles, SAMPLE_CODEBOOK, attributions=attrs),
                                      args.repeat)
    report("tag_claims (given attrs)", mb, n, cpu_c, wall_c, times(cpu_c))
    report("both steps, one after the other", mb, n, cpu_a + cpu_c, wall_a + wall_c, times(cpu_a + cpu_c))
    cpu_t, wall_t, _ = best_time(lambda: tag_claims(articles, SAMPLE_CODEBOOK), args.repeat)
    report("attributions + claims", mb, n, cpu_t, wall_t, times(cpu_t) + " (tag_claims alone; target 15x)")

    half = articles.iloc[: n // 2]
    mb_half = body_mb(half["body"])
    cpu_h, _, _ = best_time(lambda: tag_claims(half, SAMPLE_CODEBOOK), args.repeat)
    print(f"linearity: half corpus {cpu_h:.2f} s cpu for {mb_half:.2f} MB -> full {cpu_t:.2f} s for {mb:.2f} MB "
          f"(ratio {cpu_t / cpu_h:.2f} for {mb / mb_half:.2f}x the text)")

    attributed = attrs[attrs["speaker_type"] != "narrator"]
    print(f"attributions: {len(attrs)} sentences, {len(attributed)} attributed "
          f"({len(attributed) / max(len(attrs), 1):.0%}), {attributed['quoted'].sum()} quoted; "
          f"speaker types: {attributed['speaker_type'].value_counts().head(6).to_dict()}")
    print(f"claims found (off-topic corpus): {len(claims)}")

    if not args.no_clusters:
        cpu_k, wall_k, clusters = best_time(lambda: cluster_claims(articles), 1)
        report("cluster_claims", mb, n, cpu_k, wall_k)
        print(f"clusters: {clusters['cluster_id'].nunique()} spanning >= 2 articles, {len(clusters)} sentences; "
              f"largest {int(clusters['n_sentences'].max()) if len(clusters) else 0} sentences")
    seeds = analysis.load_corpus(REPO / "seeds")
    cpu_s, wall_s, seed_claims = best_time(lambda: tag_claims(seeds), args.repeat)
    print(f"seeds: {len(seed_claims)} claim rows from {len(seeds)} articles in {wall_s:.2f} s wall")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
