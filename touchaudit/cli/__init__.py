"""The command line: Typer options in (params, options, config), one core call per command
(app.py; batch.py for `score`), a renderer out, errors to exit codes (exits.py)."""
