"""Date mentions: recognised, then resolved against the publication day."""
