"""A unit's figures: data files read and checked against the rubric."""
