"""The questions asked of the data: load(), Dataset and Selection, names, codes, summaries, follow-through, as-of, search."""
