"""Renderers: one module per output format (terminal/ a package, one module per command),
chosen in registry.py by the enums of formats.py; wording every format shares in wording.py."""
