"""touchaudit: audit a business's customer touchpoints."""

__version__ = "0.1.0"
