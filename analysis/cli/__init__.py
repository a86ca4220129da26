"""The command line: ``python -m analysis COMMAND`` (or ``osint-news COMMAND``)."""
