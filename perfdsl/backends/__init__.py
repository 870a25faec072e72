"""Backends: the ways a compiled rubric is run."""
