"""`python -m diplo`: the same command as `diplo`."""
from diplo.command import main

main()
