"""Quantitative figures: numerals, their units, qualifiers and what they count."""
