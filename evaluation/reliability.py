"""Inter-coder reliability of the curated commitments against the independent second pass.

The curated rows (``commitments.csv``) and the second curator's coding
(``second-pass/commitments.jsonl``, see its README) are compared the way the Manifesto Project
and the Comparative Party Pledges Group publish theirs: first the units (which spans of text
are commitments), then the codes given to the units both passes found.

Units. A second-pass unit and a curated row *match* when they are in the same document and
overlap by at least half of the shorter of the two spans. The curated rows split some
passages the second pass kept whole, so coverage is counted both ways: the share of
second-pass units matched by at least one curated row, the share of curated rows matched by
at least one second-pass unit, and their harmonic mean (the unit F1). A stricter one-to-one
F1 uses each unit at most once (greedily, largest overlap first), so that every split costs
agreement. A *split* is a second-pass unit matched by two or more curated rows; a *merge* is
a curated row matched by two or more second-pass units.

Codes. Each curated row is paired with the matching second-pass unit it overlaps most
(ties: the earlier unit); rows with no match are left out, and N says how many pairs there
are. For ``goal_id``, ``area_id`` (an empty area is the category ``none``), ``modality`` and
``party`` the script reports percent agreement, Cohen's kappa and Krippendorff's alpha
(nominal), and the curated rows that disagree.

    python -m evaluation.reliability                       # print the Markdown tables
    python -m evaluation.reliability --check data/README.md   # exit 1 if the codebook is stale
    python -m evaluation.reliability --write data/README.md   # regenerate the codebook's block
"""

from __future__ import annotations

import argparse
import difflib
import json
import math
import os
import sys
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from pathlib import Path

import pandas as pd
from sklearn.metrics import cohen_kappa_score

import dialoguelib
from dialoguelib.config import resolve_data_dir
from dialoguelib.package.store import atomic_write

SECOND_PASS = Path("second-pass") / "commitments.jsonl"
FIELDS = ("goal_id", "area_id", "modality", "party")
NONE = "none"  # the category of an empty area
START, END = "<!-- reliability:start -->", "<!-- reliability:end -->"


# --- agreement coefficients -------------------------------------------------------------------


def percent_agreement(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """The share of positions where ``a`` and ``b`` hold the same value (NaN when both are empty).

    Parameters
    ----------
    a, b : sequence
        The two coders' values, unit by unit.

    Returns
    -------
    float

    >>> percent_agreement(["x", "y", "y", "x"], ["x", "y", "x", "x"])
    0.75
    """
    _same_length(a, b)
    return sum(x == y for x, y in zip(a, b)) / len(a) if len(a) else math.nan


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Cohen's kappa of two coders (scikit-learn's), NaN where it is undefined.

    Kappa is undefined when chance agreement is 1: both coders used one and the same category
    for every unit (or there are no units).

    Parameters
    ----------
    a, b : sequence
        The two coders' values, unit by unit.

    Returns
    -------
    float

    >>> cohen_kappa(["x", "y", "x"], ["x", "y", "x"])
    1.0
    """
    _same_length(a, b)
    if not len(a) or len(set(a) | set(b)) < 2:
        return math.nan
    return float(cohen_kappa_score(list(a), list(b)))


def krippendorff_alpha_nominal(units: Iterable[Sequence[Hashable | None]]) -> float:
    """Krippendorff's alpha for nominal data, any number of coders, missing values allowed.

    Built from the coincidence matrix (Krippendorff 2011, "Computing Krippendorff's
    Alpha-Reliability"): a unit with ``m`` values adds ``1 / (m - 1)`` to ``o[c, k]`` for every
    ordered pair of its values; units with fewer than two values are not pairable. Then
    ``alpha = 1 - (n - 1) * sum(o[c, k], c != k) / sum(n_c * n_k, c != k)``. NaN when there is no
    pairable value or only one category (expected disagreement 0).

    Parameters
    ----------
    units : iterable of sequences
        One sequence per unit: the values the coders gave it, ``None`` where a coder gave none.

    Returns
    -------
    float

    >>> round(krippendorff_alpha_nominal([(0, 1), (1, 1), (0, 1), (0, 0), (0, 0), (0, 1), (0, 0), (0, 0), (1, 0), (0, 0)]), 3)
    0.095
    """
    o: Counter = Counter()
    for unit in units:
        counts = Counter(v for v in unit if v is not None)
        m = sum(counts.values())
        if m < 2:
            continue
        for c, nc in counts.items():
            for k, nk in counts.items():
                pairs = nc * (nk - 1) if c == k else nc * nk
                if pairs:
                    o[c, k] += pairs / (m - 1)
    n_c: Counter = Counter()
    for (c, _), v in o.items():
        n_c[c] += v
    n = sum(n_c.values())
    expected = n * n - sum(v * v for v in n_c.values())
    if n == 0 or expected <= 0:
        return math.nan
    observed = sum(v for (c, k), v in o.items() if c != k)
    return 1 - (n - 1) * observed / expected


def _same_length(a, b) -> None:
    if len(a) != len(b):
        raise ValueError(f"the two coders have {len(a)} and {len(b)} values")


# --- units ------------------------------------------------------------------------------------


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """The number of characters the spans ``a`` and ``b`` (start, end exclusive) share.

    Parameters
    ----------
    a, b : (int, int)
        Spans as (start, end) offsets.

    Returns
    -------
    int

    >>> overlap((0, 10), (5, 20)), overlap((0, 5), (5, 9))
    (5, 0)
    """
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def matches(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether spans ``a`` and ``b`` overlap by at least half of the shorter one.

    Parameters
    ----------
    a, b : (int, int)
        Spans as (start, end) offsets in the same document.

    Returns
    -------
    bool

    >>> matches((0, 10), (4, 100)), matches((0, 10), (6, 100))
    (True, False)
    """
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and 2 * overlap(a, b) >= shorter


def read_second_pass(data_dir: str | os.PathLike, raw_texts: dict) -> list[dict]:
    """The second pass's units, each checked against the raw text it quotes.

    Parameters
    ----------
    data_dir : path-like
        The data folder holding ``second-pass/commitments.jsonl``.
    raw_texts : dict
        Document id to raw text (``Dataset.raw_texts``).

    Returns
    -------
    list of dict
        One dict per unit, in file order.

    Raises
    ------
    ValueError
        If a unit names an unknown document or its quote is not the raw text at its offsets.
    """
    path = Path(data_dir) / SECOND_PASS
    units = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        unit = json.loads(line)
        text = raw_texts.get(unit["document_id"])
        if text is None or text[unit["start"] : unit["end"]] != unit["quote"]:
            raise ValueError(f"{path}:{n}: the quote is not the raw text of {unit['document_id']!r} at its offsets")
        units.append(unit)
    return units


def _code(value) -> str:
    """A code as a category: missing or empty values become ``none``."""
    return NONE if pd.isna(value) or str(value) == "" else str(value)


def reliability(data_dir: str | os.PathLike | None = None) -> dict:
    """Compare the curated commitments with the second pass: unit agreement, then code agreement.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder (as for :func:`dialoguelib.load`); the shipped data by default.

    Returns
    -------
    dict
        ``units``: counts, shares, F1s, splits and merges; ``codes``: for each of
        ``goal_id``, ``area_id``, ``modality``, ``party`` its ``n``, ``agreement``, ``kappa``,
        ``alpha`` and the curated ``disagreements`` (commitment ids).
    """
    data_dir = resolve_data_dir(data_dir)
    ds = dialoguelib.load(data_dir)
    second = read_second_pass(data_dir, ds.raw_texts)
    curated = ds.commitments.to_dict("records")

    # every matching (curated row, second-pass unit) pair, with its overlap
    links = []
    for i, row in enumerate(curated):
        span = (int(row["start"]), int(row["end"]))
        for j, unit in enumerate(second):
            if unit["document_id"] == row["document_id"] and matches(span, (unit["start"], unit["end"])):
                links.append((i, j, overlap(span, (unit["start"], unit["end"]))))
    rows_of = Counter(j for _, j, _ in links)
    units_of = Counter(i for i, _, _ in links)

    # one-to-one: largest overlap first, each unit used once
    used_i, used_j = set(), set()
    for i, j, _ in sorted(links, key=lambda t: (-t[2], t[0], t[1])):
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
    one_to_one = len(used_i)

    n_second, n_curated = len(second), len(curated)
    share_second = len(rows_of) / n_second if n_second else math.nan
    share_curated = len(units_of) / n_curated if n_curated else math.nan
    spans = {(r["document_id"], int(r["start"]), int(r["end"])) for r in curated}
    splits = sorted(
        ([curated[i]["commitment_id"] for i, jj, _ in links if jj == j] for j, k in rows_of.items() if k >= 2),
        key=lambda ids: ids[0],
    )
    units = {
        "second_pass": n_second,
        "curated": n_curated,
        "second_pass_matched": len(rows_of),
        "curated_matched": len(units_of),
        "share_second_pass_matched": share_second,
        "share_curated_matched": share_curated,
        "f1": _harmonic(share_second, share_curated),
        "one_to_one": one_to_one,
        "f1_one_to_one": 2 * one_to_one / (n_second + n_curated) if n_second + n_curated else math.nan,
        "identical_spans": sum((u["document_id"], u["start"], u["end"]) in spans for u in second),
        "splits": splits,
        "split_rows": sum(len(ids) for ids in splits),
        "merges": sorted(curated[i]["commitment_id"] for i, k in units_of.items() if k >= 2),
    }

    # pair each curated row with the matching unit it overlaps most (ties: the earlier unit)
    best: dict[int, tuple[int, int]] = {}
    for i, j, ov in links:
        if i not in best or ov > best[i][1]:
            best[i] = (j, ov)
    pairs = [(curated[i], second[j]) for i, (j, _) in sorted(best.items())]
    codes = {}
    for field in FIELDS:
        a = [_code(row[field]) for row, _ in pairs]
        b = [_code(unit.get(field)) for _, unit in pairs]
        codes[field] = {
            "n": len(pairs),
            "agreement": percent_agreement(a, b),
            "kappa": cohen_kappa(a, b),
            "alpha": krippendorff_alpha_nominal(zip(a, b)),
            "disagreements": [row["commitment_id"] for (row, _), x, y in zip(pairs, a, b) if x != y],
        }
    return {"units": units, "codes": codes}


def _harmonic(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else math.nan


# --- Markdown ---------------------------------------------------------------------------------


def _pct(x: float) -> str:
    return "n/a" if math.isnan(x) else f"{100 * x:.1f}%"


def _num(x: float) -> str:
    return "n/a" if math.isnan(x) else f"{x:.3f}"


def markdown(result: dict) -> str:
    """The result of :func:`reliability` as two Markdown tables (units, then codes).

    Parameters
    ----------
    result : dict
        What :func:`reliability` returns.

    Returns
    -------
    str
        The tables, ending with a newline.
    """
    u = result["units"]
    splits = "; ".join(", ".join(ids) for ids in u["splits"]) or "none"
    lines = [
        "| Units (match: overlap of at least half of the shorter span) | Count | Share |",
        "|---|---:|---:|",
        f"| Second-pass units matched by a curated row | {u['second_pass_matched']} of {u['second_pass']} | {_pct(u['share_second_pass_matched'])} |",
        f"| Curated rows matched by a second-pass unit | {u['curated_matched']} of {u['curated']} | {_pct(u['share_curated_matched'])} |",
        f"| Unit agreement (F1 of the two shares) | | {_num(u['f1'])} |",
        f"| One-to-one pairs (each unit used once; F1) | {u['one_to_one']} | {_num(u['f1_one_to_one'])} |",
        f"| Second-pass units with identical boundaries | {u['identical_spans']} of {u['second_pass']} | {_pct(u['identical_spans'] / u['second_pass'] if u['second_pass'] else math.nan)} |",
        f"| One-to-many splits (second-pass unit into curated rows): {splits} | {len(u['splits'])} into {u['split_rows']} | |",
        f"| Many-to-one merges (curated row over second-pass units): {', '.join(u['merges']) or 'none'} | {len(u['merges'])} | |",
        "",
        "| Code (paired rows) | N | Agreement | Cohen's κ | Krippendorff's α (nominal) | Curated rows that differ |",
        "|---|---:|---:|---:|---:|---|",
    ]
    labels = {"area_id": 'area_id (empty = "none")'}
    for field, c in result["codes"].items():
        differ = ", ".join(c["disagreements"]) or "none"
        lines.append(
            f"| {labels.get(field, field)} | {c['n']} | {_pct(c['agreement'])} | {_num(c['kappa'])} | {_num(c['alpha'])} | {differ} |"
        )
    return "\n".join(lines) + "\n"


# --- the codebook's block ---------------------------------------------------------------------


def codebook_block(text: str) -> str:
    """The text between the reliability markers of ``text`` (without the newlines next to them).

    Parameters
    ----------
    text : str
        The codebook (``data/README.md``).

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If the markers are missing, repeated or out of order.
    """
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise ValueError(f"expected one {START} and, after it, one {END}")
    return text.split(START, 1)[1].split(END, 1)[0].strip("\n")


def with_block(text: str, block: str) -> str:
    """``text`` with the block between the reliability markers replaced by ``block``.

    Parameters
    ----------
    text : str
        The codebook.
    block : str
        The new Markdown (as :func:`markdown` gives it).

    Returns
    -------
    str
    """
    codebook_block(text)  # checks the markers
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    return f"{head}{START}\n{block.strip(chr(10))}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    """Print the reliability tables, or check or rewrite a codebook's block; the exit status.

    Parameters
    ----------
    argv : list of str, optional
        The command-line arguments (``sys.argv[1:]`` by default).

    Returns
    -------
    int
        0, or 1 when ``--check`` finds the codebook stale or its markers missing.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="the data folder (default: the shipped data)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", metavar="README", help="exit 1 if the block between the markers in README is stale")
    group.add_argument("--write", metavar="README", help="regenerate the block between the markers in README")
    args = parser.parse_args(argv)
    table = markdown(reliability(args.data_dir))
    target = args.check or args.write
    if target is None:
        sys.stdout.write(table)
        return 0
    text = Path(target).read_text(encoding="utf-8")
    try:
        current = codebook_block(text)
    except ValueError as e:
        print(f"{target}: {e}", file=sys.stderr)
        return 1
    if args.write:
        new = with_block(text, table)
        if new != text:
            atomic_write(target, new, mode=os.stat(target).st_mode & 0o777)
        print(f"{target}: reliability block {'rewritten' if new != text else 'already up to date'}")
        return 0
    if current == table.strip("\n"):
        print(f"{target}: reliability block is up to date")
        return 0
    diff = difflib.unified_diff(current.splitlines(), table.strip("\n").splitlines(), "in the codebook", "computed", lineterm="")
    print(
        f"{target}: the reliability numbers differ from the computed ones; "
        f"run `python -m evaluation.reliability --write {target}`\n" + "\n".join(diff),
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
