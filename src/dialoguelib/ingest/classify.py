"""A discriminative goal and area model: multinomial logistic regression over a clause's TF-IDF terms (words and
word pairs, names masked) and the area words it holds, in numpy, trained when the suggester is built.

The classes are the areas, and for examples with a goal but no area the goal itself ("goal:pursue"). The
examples are the suggester's (the framework's descriptions, the curated rows, the team's tuned examples). A
goal's probability is the sum of its classes'; the area is the most probable area of that goal when it holds
enough of the goal's probability. Training is full-batch gradient descent with Nesterov momentum on the sparse
rows, from zero weights: the same examples give the same model.
"""

from __future__ import annotations

import numpy as np

__all__ = ["LogisticModel"]


class LogisticModel:
    """Softmax regression with an L2 penalty on sparse rows.

    Parameters
    ----------
    rows : list of (ndarray, ndarray)
        Each example's feature indices and values.
    n_features : int
        How many features there are.
    labels : list of str
        Each example's class.
    l2 : float
        The penalty on the weights (default 1e-3, per example).
    steps : int
        Gradient steps (default 300).
    """

    def __init__(self, rows: list, n_features: int, labels: list, l2: float = 1e-3, steps: int = 300):
        self.classes = sorted(set(labels))
        y = np.array([self.classes.index(lab) for lab in labels])
        n, c = len(rows), len(self.classes)
        self.n_features = n_features
        lengths = np.array([len(i) for i, _v in rows])
        self._indptr = np.concatenate([[0], np.cumsum(lengths)])
        idx = np.concatenate([i for i, _v in rows] + [np.zeros(0, dtype=np.int64)]).astype(np.int64)
        val = np.concatenate([v for _i, v in rows] + [np.zeros(0)])
        owner = np.repeat(np.arange(n), lengths)
        onehot = np.zeros((n, c))
        onehot[np.arange(n), y] = 1.0
        w = np.zeros((n_features, c))
        b = np.zeros(c)
        vw, vb = np.zeros_like(w), np.zeros_like(b)
        rate, momentum = 2.0, 0.9
        for _ in range(steps):
            lw, lb = w + momentum * vw, b + momentum * vb  # Nesterov: the gradient at the look-ahead point
            p = self._softmax(self._scores(idx, val, owner, n, lw, lb))
            g = (p - onehot) / n
            contrib = val[:, None] * g[owner]
            gw = np.stack([np.bincount(idx, weights=contrib[:, k], minlength=n_features) for k in range(c)], axis=1)
            gw += l2 * lw
            vw = momentum * vw - rate * gw
            vb = momentum * vb - rate * g.sum(axis=0)
            w, b = w + vw, b + vb
        self.weights, self.bias = w, b

    @staticmethod
    def _scores(idx, val, owner, n, w, b):
        contrib = val[:, None] * w[idx]
        return np.stack([np.bincount(owner, weights=contrib[:, k], minlength=n) for k in range(w.shape[1])], axis=1) + b

    @staticmethod
    def _softmax(z):
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def probabilities(self, row) -> np.ndarray:
        """Each class's probability for one example's (indices, values)."""
        idx, val = row
        z = val @ self.weights[idx] + self.bias if len(idx) else self.bias.copy()
        return self._softmax(z[None, :])[0]

    def top_features(self, row, cls: str, n: int = 5) -> list[int]:
        """The example's features that raise ``cls`` most, heaviest first.

        Parameters
        ----------
        row : tuple of (ndarray, ndarray)
            The example's feature indexes and values.
        cls : str
            One of :attr:`classes`.
        n : int
            At most this many (default 5).

        Returns
        -------
        list of int
            Feature indexes whose weight for ``cls`` is positive.
        """
        idx, val = row
        if not len(idx):
            return []
        k = self.classes.index(cls)
        contrib = val * self.weights[idx, k]
        order = np.argsort(-contrib, kind="stable")
        return [int(idx[j]) for j in order[:n] if contrib[j] > 0]
