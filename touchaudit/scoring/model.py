"""The scoring model's version and defaults (docs/scoring.md), importable at no cost."""

# Bumped whenever the same audit may score differently: JSON outputs carry it.
MODEL_VERSION = 3
# Below this share of applicable criteria measured, a score is provisional (docs/scoring.md §4).
DEFAULT_MIN_COVERAGE = 0.5
# A touchpoint with a poor critical criterion scores at most this (docs/scoring.md §3).
CRITICAL_CAP = 49.0
