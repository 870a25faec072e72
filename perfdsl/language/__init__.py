"""The language: rubric text → syntax tree."""
