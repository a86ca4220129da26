"""Interactive exploration: every extraction marked in the article's own text, and the claims explorer."""
