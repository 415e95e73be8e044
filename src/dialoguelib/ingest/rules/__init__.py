"""The ingestion rules as data: the verb lexicon, names of bodies and offices, the words of goals and areas."""
