"""`python -m touchaudit`."""

from touchaudit.cli import main

main()
