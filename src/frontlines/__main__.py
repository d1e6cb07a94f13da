"""`python -m frontlines` runs the command line."""

from frontlines.cli import main

main()
