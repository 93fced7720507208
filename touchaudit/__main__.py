"""`python -m touchaudit`."""

from touchaudit.cli.app import main

main()
