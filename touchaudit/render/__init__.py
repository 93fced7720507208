"""Renderers: one module per output format, chosen by name."""
