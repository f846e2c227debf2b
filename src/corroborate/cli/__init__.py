"""Command line: thin adapters that parse options, call library functions, render."""
