"""Speed only: what users wait for (benchmarks.run writes RESULTS.md), two source trees timed in turns
(compare, compare_reports), and the synthetic corpus they time (synthetic). Run from the repository root:
``python -m benchmarks.run``. Quality lives in ``evaluation/``."""
