"""Views of an article body that every later step shares: sentences, tokens, quotations, readability."""
