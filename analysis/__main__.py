"""``python -m analysis``: the command line."""

from analysis.cli.main import main

raise SystemExit(main())
