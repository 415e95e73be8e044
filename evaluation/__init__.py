"""Evaluation, apart from speed: the development set of statements the team wrote (statements/, gold/),
its loader (devset), the scorer of ingest against it and against the curated seeds (ingest_eval), the
suggester's examples drawn from it (devset_examples), sentence splitting compared (segmenters), and the
inter-coder reliability of the curated rows (reliability). Run from the repository root:
``python -m evaluation.ingest_eval``; README.md describes the set and keeps every first score."""
