"""Every word list the extractors use, kept out of the logic modules (as spaCy keeps ``lang/en/``)."""
