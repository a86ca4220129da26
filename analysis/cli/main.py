"""The command line: ``python -m analysis COMMAND`` (or ``osint-news COMMAND``).

Each command lives in its own module under :mod:`analysis.cli.commands` with
``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``; the
CLI finds them there, so adding a command never touches this file.

Exit status: 0 on success, 1 when a notebook (or other job) failed, 2 on an
input error, with a one-line message on stderr and no traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
import warnings

from analysis import __version__
from analysis.errors import AnalysisError

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors are input errors: exit 2
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every command under :mod:`analysis.cli.commands`."""
    import analysis.cli.commands as commands

    # `osint-news` (the installed script) or `python -m analysis`, whichever was typed
    prog = "osint-news" if os.path.basename(sys.argv[0] or "") == "osint-news" else "python -m analysis"
    parser = _Parser(
        prog=prog,
        description="OSINT analysis of news coverage: who claims what, on whose authority, "
                    "which sources agree, and what figures they give.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"analysis.cli.commands.{info.name}")
        cmd = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Ctrl-C at any moment, even while the commands' modules are still being
    imported, ends with one line on stderr and status 130, never a traceback.
    """
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return interrupted()


def interrupted() -> int:
    """Say "interrupted" in one line and return 130 (128 + SIGINT, as the shell reports it)."""
    try:
        print("error: interrupted", file=sys.stderr)
    except (OSError, ValueError, KeyboardInterrupt):
        pass
    return 130


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "_run", None) is None:
        parser.print_help()
        return EXIT_INPUT
    # Warnings about skipped files go to stderr as one line each.
    warnings.showwarning = lambda msg, cat, *a, **k: print(f"warning: {msg}", file=sys.stderr)
    try:
        return int(args._run(args) or 0)
    except BrokenPipeError:
        # The reader went away (`summary | head`): stop quietly, as `cat` does.
        # stdout is pointed at /dev/null so the interpreter's final flush
        # does not raise (and print) the same error again.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 128 + 13  # killed by SIGPIPE, as the shell reports it
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return interrupted()
