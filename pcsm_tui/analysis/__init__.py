"""Computed values and the framework's rules, headless and pure."""
