"""Scoring attribution extraction against annotated news (`reader eval`); no Qt, no spaCy."""
