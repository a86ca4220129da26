"""Saved web pages: how well the .html reader recovers article text and metadata.

BBC bench articles (headline + paragraphs) are wrapped in realistic page
chrome (tests/saved_pages.py: metadata, cookie banner, menu, byline, share
bar, inline "Read more", newsletter box, related stories with teasers,
comments, footer), written as .html files, and read back with
``analysis.load_corpus``.  Printed: exact-body share, paragraph recall,
chrome leaking into bodies, headline/date/site/URL accuracy, pages per second.

    python benchmarks/bench_html_pages.py --quick     # 40 pages
    python benchmarks/bench_html_pages.py --n 300
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.timing import DEFAULT_CORPUS  # noqa: E402
from tests.saved_pages import CHROME_SNIPPETS, make_page  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="40 pages")
    args = parser.parse_args()
    n = 40 if args.quick else args.n
    files = sorted(Path(args.corpus).glob("*.txt"))[:: max(1, len(list(Path(args.corpus).glob("*.txt"))) // n)][:n]
    if not files:
        print(f"no .txt files in {args.corpus}", file=sys.stderr)
        return 1
    import analysis

    truth = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, path in enumerate(files):
            # HTML collapses runs of white space, so the truth is compared collapsed too
            lines = [" ".join(l.split()) for l in path.read_text(encoding="utf-8", errors="replace").split("\n")]
            lines = [l for l in lines if l]
            headline, paragraphs = lines[0], lines[1:]
            date = f"2005-{1 + i % 12:02d}-{1 + i % 28:02d}"
            url = f"https://news.example.org/story/{i}"
            Path(tmp, f"p{i:04d}.html").write_text(
                make_page(headline, paragraphs, date=date, site="Example News", url=url), encoding="utf-8")
            truth[f"p{i:04d}"] = (headline, paragraphs, date, url)
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = analysis.load_corpus(tmp)
        seconds = time.perf_counter() - start
    frame = frame.set_index("article_id")
    exact = recall_num = recall_den = leaks = leaked_chrome = head = dates = sites = urls = 0
    for aid, (headline, paragraphs, date, url) in truth.items():
        if aid not in frame.index:
            recall_den += len(paragraphs)
            continue
        row = frame.loc[aid]
        body = row["body"]
        exact += body == "\n\n".join(paragraphs)
        recall_num += sum(p in body for p in paragraphs)
        recall_den += len(paragraphs)
        extra = [p for p in body.split("\n\n") if p not in paragraphs]
        leaks += bool(extra)
        leaked_chrome += sum(any(s in p for s in CHROME_SNIPPETS) for p in extra)
        head += row["headline"] == headline
        dates += str(row["published"])[:10] == date
        sites += row["outlet"] == "Example News"
        urls += row["url"] == url
    k = len(truth)
    print(f"{k} pages from {args.corpus}; read in {seconds:.2f} s ({k / seconds:.1f} pages/s)")
    print(f"loaded {len(frame)}/{k}; body exact {exact}/{k}; paragraph recall {recall_num}/{recall_den} "
          f"({recall_num / max(1, recall_den):.1%}); pages with a body paragraph not in the article "
          f"{leaks}/{k} ({leaked_chrome} of them page chrome)")
    print(f"headline {head}/{k}; date {dates}/{k}; site name {sites}/{k}; url {urls}/{k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
