"""The core: checked model → evaluation graph and results."""
