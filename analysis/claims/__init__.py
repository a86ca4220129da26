"""Claims: codebooks, the tagger, stance, codebook-free clusters and scoring against hand labels."""
