"""The shell around pcsm: completion scripts and the man page, generated from the parser."""
