"""`python -m diplo`: the same command as `diplo`."""
from diplo.cli.main import run

run()
