"""The criteria library: channels and their aliases, criteria and their sourced thresholds
(criteria.py, data/), aspects, the business types (checklist, thresholds, words), threshold
wording, `init`'s starter audits, one criterion in full and profiles exported."""
