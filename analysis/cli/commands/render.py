"""``render``: execute the notebooks with papermill and publish HTML reports.

Exit status: 0 when every report rendered; 1 when a notebook failed (its
report still shows the error and the run folder is published, but
``latest`` stays on the last good run); 2 for bad input or when the output
folder cannot be used (unknown parameter, wrong type, missing corpus,
another render running, read-only or full folder); 143 on SIGTERM and 130
on Ctrl-C (nothing published).
"""

from __future__ import annotations

import argparse
import sys

NAME = "render"
HELP = "execute the notebooks and publish self-contained HTML reports into a dated run folder"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", metavar="PATH",
                        help="corpus folder or file given to every notebook (default: the sample corpus)")
    parser.add_argument("--out", metavar="DIR", default="reports",
                        help="output folder; each run goes into DIR/<run-id>/, DIR/latest points at the "
                             "last run in which every notebook rendered and none was left unselected "
                             "(a good --notebooks subset moves DIR/latest-partial instead) (default: reports)")
    parser.add_argument("--codebook", metavar="PATH",
                        help="claims codebook (YAML) for every report (default: the corpus's own codebook.yaml, "
                             "else codebook-free claims); same as -p codebook=PATH")
    parser.add_argument("-p", "--param", dest="params", action="append", default=[], metavar="NAME=VALUE",
                        help="set a notebook parameter (repeatable); the value is converted to the type the "
                             "notebook declares")
    parser.add_argument("--params-file", metavar="YAML", help="YAML file of parameter values (-p wins over it)")
    parser.add_argument("--notebooks", nargs="+", metavar="NAME",
                        help="render only these notebooks, by number or name fragment "
                             "(02, 2, timeline, 05_timeline.ipynb)")
    parser.add_argument("--list-params", action="store_true",
                        help="list the selected notebooks' parameters (type, default, allowed values) and exit")
    parser.add_argument("--with-code", action="store_true", help="keep the code in the HTML reports")
    parser.add_argument("--kernel", metavar="NAME",
                        help="Jupyter kernel spec (default: osint-analysis for this interpreter, "
                             "registered on first use)")
    parser.add_argument("--cell-timeout", type=float, default=600.0, metavar="S",
                        help="seconds one cell may run before its notebook fails (default: 600)")
    parser.add_argument("--jobs", type=int, metavar="N",
                        help="notebooks executed at once (default: 2, or 1 for one notebook)")
    parser.add_argument("--notebook-dir", metavar="DIR",
                        help="folder of the notebooks (default: the package's notebooks)")
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = _parameters_epilog()


def _parameters_epilog() -> str:
    """The default notebooks' parameters, for ``render --help``."""
    try:
        text = _parameter_listing(None, None)
    except Exception as exc:  # noqa: BLE001 - help must print even when the notebooks cannot be read
        return f"notebook parameters: cannot be listed ({exc})"
    return ("notebook parameters (give with -p NAME=VALUE or --params-file; "
            "checked before any notebook runs):\n\n" + text)


def _parameter_listing(notebook_dir: str | None, names: list[str] | None) -> str:
    from pathlib import Path

    from analysis.report.notebook_params import format_parameters, read_parameters
    from analysis.paths import notebooks_dir
    from analysis.report.rendering.plan import RENDER_OWNED, discover_notebooks, select_notebooks

    folder = Path(notebook_dir) if notebook_dir else notebooks_dir()
    chosen = select_notebooks(discover_notebooks(folder), names)
    return format_parameters([read_parameters(p) for p in chosen], set_by_render=RENDER_OWNED)


def run(args: argparse.Namespace) -> int:
    import logging

    from analysis.report.rendering import RenderInterrupted, render_reports

    if args.list_params:
        print(_parameter_listing(args.notebook_dir, args.notebooks))
        return 0
    # A kernel stopped mid-cell leaves nbclient's pending asyncio tasks to be
    # garbage-collected with a "Task was destroyed" log line; the failure is
    # already reported in words, so keep that noise off the terminal.
    logging.getLogger("asyncio").addHandler(logging.NullHandler())
    logging.getLogger("asyncio").propagate = False

    params = list(args.params)
    if args.codebook:
        if any(p.split("=", 1)[0].strip() == "codebook" for p in params):
            from analysis.errors import ParameterError

            raise ParameterError("the codebook is given twice (--codebook and -p codebook=); give it once")
        params.append(f"codebook={args.codebook}")
    try:
        result = render_reports(
            args.corpus, args.out, params=params, params_file=args.params_file, notebooks=args.notebooks,
            with_code=args.with_code, kernel=args.kernel, cell_timeout=args.cell_timeout, jobs=args.jobs,
            notebooks_dir=args.notebook_dir,
        )
    except RenderInterrupted as exc:
        print(f"error: {exc}; nothing was published and the last good report is untouched", file=sys.stderr)
        return 128 + exc.signum
    n, failed = len(result.runs), result.failed
    from analysis.report.claims import run_claims_notes

    for note in run_claims_notes(result.run_dir):  # a codebook that tags little or nothing
        print(f"warning: {note}", file=sys.stderr)
    if not failed:
        print(f"{result.run_dir / 'index.html'}: {n} report(s) rendered")
        if not result.manifest.get("complete", True):
            print("note: a subset of the notebooks: 'latest' stays on the last complete run; "
                  "'latest-partial' points at this one", file=sys.stderr)
        return 0
    print(f"{result.run_dir / 'index.html'}: {len(failed)} of {n} report(s) failed; "
          f"{_latest_state(result.run_dir.parent)}", file=sys.stderr)
    for run in failed:
        print(f"  {run.name}: {run.status}: {run.message}", file=sys.stderr)
    return 1


def _latest_state(out_dir) -> str:
    """What ``latest`` points at after a failed run, in words that are true on a first run too."""
    import os

    from analysis.report.rendering.publish import LATEST

    link = out_dir / LATEST
    if link.is_symlink():
        return f"'latest' still points at the last good run ({os.path.basename(os.readlink(link))})"
    return "'latest' was not created: no run in this folder has succeeded yet"
