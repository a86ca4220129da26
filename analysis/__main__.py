"""``python -m analysis``: the command line."""

try:
    from analysis.cli.main import main
except KeyboardInterrupt:  # Ctrl-C while the command line is still being imported: one line, no traceback
    import sys

    sys.stderr.write("error: interrupted\n")
    raise SystemExit(130) from None

raise SystemExit(main())
