"""The terminal app (Textual). It only presents and takes input; the core does the work."""
