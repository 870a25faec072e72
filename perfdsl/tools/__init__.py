"""Tools built on the compiler: verify."""
