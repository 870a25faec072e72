"""Checks: syntax tree → resolved, checked model (names, types, units, weights, bounds, templates)."""
