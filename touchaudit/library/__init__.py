"""The criteria library: channels, criteria and their sourced thresholds (criteria.py, data/),
the journey checklists of each business type, threshold wording and `init`'s starter audits."""
