"""Renderers: one module per output format (terminal/ a package, one module per command),
chosen in registry.py by the enums of formats.py; wording every format shares in wording.py;
what every output goes through (cisafe, console, jsontext, output) and CI findings."""
