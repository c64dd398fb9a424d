"""Pydantic models of every file in a pcsm repository: plain data and its rules."""
