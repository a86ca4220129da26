"""Extraction of figures and dates from article bodies: one subpackage per kind of span."""
