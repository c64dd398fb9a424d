"""Storage: the TOML codec, the repository layout, atomic files and the git service."""
