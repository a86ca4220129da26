"""One module per command of ``python -m analysis`` (see :mod:`analysis.cli.main`)."""
