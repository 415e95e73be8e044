"""TF-IDF of words and word pairs: the one TF-IDF of ingest, in numpy, without importing scikit-learn.

One model is fitted per ``ingest`` run, on the suggester's examples (the framework's descriptions,
every commitment of the data and the team's examples); the goal and area suggestions, the
repeats of earlier commitments and the proposed links and progress reports all compare texts in it.

scikit-learn's ``TfidfVectorizer`` is what this reproduces, term for term: words of two letters or
more, lower-cased, accents stripped (NFKD), stop words dropped before pairing, sublinear term
frequency (``1 + ln tf``), smoothed inverse document frequency (``ln((1 + n) / (1 + df)) + 1``) and
rows of unit length (a test compares the two on the development set and the seeds). Importing
scikit-learn took about half of ingest's start-up (``python -X importtime``), and ingest needs nothing
else from it.
"""

from __future__ import annotations

import math
import re
import unicodedata

import numpy as np

from .rules.topics import SPANISH_STOP_WORDS

__all__ = ["Tfidf", "ENGLISH_STOP_WORDS", "STOP_WORDS"]

_TOKEN = re.compile(r"(?u)\b\w\w+\b")

# scikit-learn's English stop words (sklearn.feature_extraction.text.ENGLISH_STOP_WORDS; a test keeps them equal).
ENGLISH_STOP_WORDS = frozenset(
    """a about above across after afterwards again against all almost alone along already also although always am
    among amongst amoungst amount an and another any anyhow anyone anything anyway anywhere are around as at back be
    became because become becomes becoming been before beforehand behind being below beside besides between beyond
    bill both bottom but by call can cannot cant co con could couldnt cry de describe detail do done down due during
    each eg eight either eleven else elsewhere empty enough etc even ever every everyone everything everywhere except
    few fifteen fifty fill find fire first five for former formerly forty found four from front full further get give
    go had has hasnt have he hence her here hereafter hereby herein hereupon hers herself him himself his how however
    hundred i ie if in inc indeed interest into is it its itself keep last latter latterly least less ltd made many
    may me meanwhile might mill mine more moreover most mostly move much must my myself name namely neither never
    nevertheless next nine no nobody none noone nor not nothing now nowhere of off often on once one only onto or
    other others otherwise our ours ourselves out over own part per perhaps please put rather re same see seem seemed
    seeming seems serious several she should show side since sincere six sixty so some somehow someone something
    sometime sometimes somewhere still such system take ten than that the their them themselves then thence there
    thereafter thereby therefore therein thereupon these they thick thin third this those though three through
    throughout thru thus to together too top toward towards twelve twenty two un under until up upon us very via was
    we well were what whatever when whence whenever where whereafter whereas whereby wherein whereupon wherever
    whether which while whither who whoever whole whom whose why will with within without would yet you your yours
    yourself yourselves""".split()
)


_BLOCK = 2048  # rows of new texts compared at once

#: The words ingest's TF-IDF leaves out: English and Spanish stop words.
STOP_WORDS = ENGLISH_STOP_WORDS | SPANISH_STOP_WORDS


class _Unaccented(dict):
    """A ``str.translate`` table, filled as characters come: each one decomposed (NFKD), its accents dropped."""

    def __missing__(self, code: int) -> str:
        self[code] = "".join(c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c))
        return self[code]


_UNACCENTED = _Unaccented()


def _strip_accents(text: str) -> str:
    # character by character is the same as the whole text at once: decomposing never spans two characters,
    # and the combining marks that NFKD would reorder are the ones dropped
    return text if text.isascii() else text.translate(_UNACCENTED)


class Tfidf:
    """Fit on example texts; turn new texts into the same terms' weights; compare them with the examples.

    Parameters
    ----------
    stop_words : iterable of str
        Words dropped before pairing (compared with the lower-cased, accent-stripped words).
    """

    def __init__(self, stop_words=()):
        self.stop_words = frozenset(stop_words)

    def terms(self, text: str) -> list[str]:
        """The words (not stop words) and pairs of neighbouring words of ``text``, in order."""
        words = [w for w in _TOKEN.findall(_strip_accents(text.lower())) if w not in self.stop_words]
        return words + [f"{a} {b}" for a, b in zip(words, words[1:])]

    def fit(self, texts: list[str]) -> Tfidf:
        """Learn the terms (sorted, as ``feature_names``), their idf, and the examples' unit rows (``rows``).

        Parameters
        ----------
        texts : list of str
            The examples.

        Returns
        -------
        Tfidf
            Itself, fitted: ``rows`` holds each example's unit-length row as (term indices, weights).
        """
        counted = [self._count(t) for t in texts]
        vocab = sorted({term for c in counted for term in c})
        self.index = {term: j for j, term in enumerate(vocab)}
        self.feature_names = np.array(vocab, dtype=object)
        df = np.zeros(len(vocab))
        for c in counted:
            for term in c:
                df[self.index[term]] += 1
        n = len(texts)
        self.idf = np.log((1 + n) / (1 + df)) + 1
        self.rows = [self._weights(c) for c in counted]  # each example's (term indices, unit-length weights)
        # the same weights by term (a term's examples in order), for similarities: a few thousand weights, where a
        # dense examples-by-terms array is mostly zeros (650 by 8,331 for the real data, 43 MB to fill and read)
        terms = np.concatenate([idx for idx, _ in self.rows] + [np.zeros(0, dtype=np.int64)])
        weights = np.concatenate([val for _, val in self.rows] + [np.zeros(0)])
        examples = np.repeat(np.arange(n), [len(idx) for idx, _ in self.rows])
        order = np.argsort(terms, kind="stable")
        self._starts = np.concatenate([[0], np.cumsum(np.bincount(terms, minlength=len(vocab)))])
        self._examples, self._weights_by_term = examples[order], weights[order]
        self._n = n
        return self

    def transform(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """A new text's row: the indices of its known terms (ascending) and their unit-length weights.

        Parameters
        ----------
        text : str
            The text (terms never seen in the examples are left out).

        Returns
        -------
        tuple of ndarray
            ``(indices, weights)``; both empty when it shares no term with the examples.
        """
        c = {t: k for t, k in self._count(text).items() if t in self.index}
        return self._weights(c)

    def similarities(self, row) -> np.ndarray:
        """The cosine of a transformed row with every example (both are unit length)."""
        idx, val = row
        starts, ends = self._starts[idx], self._starts[idx + 1]
        sizes = ends - starts
        # positions of every weight of the row's terms: each term's run of examples, one after another
        at = np.repeat(starts - np.concatenate([[0], np.cumsum(sizes)[:-1]]), sizes) + np.arange(int(sizes.sum()))
        products = self._weights_by_term[at] * np.repeat(val, sizes)
        return np.bincount(self._examples[at], weights=products, minlength=self._n)

    def cosine(self, earlier: list[str], new: list[str]) -> np.ndarray:
        """The cosine of each new text with each earlier one, in this model's terms and weights.

        Parameters
        ----------
        earlier, new : list of str
            The texts compared (terms the model does not know are left out).

        Returns
        -------
        ndarray
            ``len(new)`` rows by ``len(earlier)`` columns, in 0..1.

        >>> m = Tfidf(ENGLISH_STOP_WORDS).fit(["joint ballistics lab", "arms trafficking", "ballistics training"])
        >>> m.cosine(["joint ballistics lab", "arms trafficking"], ["a ballistics lab", "nothing known"]).round(2).tolist()
        [[0.75, 0.0], [0.0, 0.0]]
        """
        a = [self.transform(t) for t in earlier]
        terms = np.unique(np.concatenate([idx for idx, _ in a] + [np.zeros(0, dtype=np.int64)]))
        left = np.zeros((len(a), len(terms)))
        for i, (idx, val) in enumerate(a):
            left[i, np.searchsorted(terms, idx)] = val
        column = np.full(len(self.idf), -1, dtype=np.int64)  # a term's column among the earlier texts' terms
        column[terms] = np.arange(len(terms))
        out = np.zeros((len(new), len(a)))
        for lo in range(0, len(new), _BLOCK):  # in blocks: a long text's many rows never make one huge matrix
            block = new[lo : lo + _BLOCK]
            right = np.zeros((len(block), len(terms)))
            for i, t in enumerate(block):
                idx, val = self.transform(t)
                k = column[idx]
                keep = k >= 0
                right[i, k[keep]] = val[keep]
            out[lo : lo + len(block)] = right @ left.T
        return out

    def _count(self, text: str) -> dict:
        counts: dict = {}
        for term in self.terms(text):
            counts[term] = counts.get(term, 0) + 1
        return counts

    def _weights(self, counts: dict) -> tuple[np.ndarray, np.ndarray]:
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        pairs = sorted((self.index[t], k) for t, k in counts.items())
        idx = np.fromiter((j for j, _ in pairs), dtype=np.int64, count=len(pairs))
        tf = np.fromiter((k for _, k in pairs), dtype=float, count=len(pairs))
        val = (1 + np.log(tf)) * self.idf[idx]
        norm = math.sqrt(float(val @ val))
        return idx, (val / norm if norm else val)
