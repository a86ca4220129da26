"""From files, manifests and records to the articles table: decoding, page chrome, headlines."""
