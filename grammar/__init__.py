"""The rubric grammar, shipped inside the wheel as `perfdsl.grammar`."""
