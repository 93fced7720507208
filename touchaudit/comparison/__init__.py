"""Comparison: our audit against competitors' or an earlier one (compare.py, result.py), the
report laid out from a comparison (report.py), and the CI gates' verdicts (gates, baseline)."""
