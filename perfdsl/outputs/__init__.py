"""Outputs: a Result → sentences, traces and reports."""
