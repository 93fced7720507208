"""Scoring: criteria to touchpoints, stages, channels and overall (score.py), through the
curves; journey coverage and chains; the points a fix is worth (impact.py); the result models."""
