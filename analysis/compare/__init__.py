"""Comparing articles: shared text, independent origins, agreement and contradictions."""
