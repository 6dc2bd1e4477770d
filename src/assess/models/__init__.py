"""Pydantic models of the domain; no I/O."""
