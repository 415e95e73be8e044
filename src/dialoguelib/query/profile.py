"""How concrete, how new, how late: the specificity profile of each commitment, its novelty, and whether it
is overdue or stale on a day.

The profile has five yes/no criteria (:data:`CRITERIA`), each with the words that decided it, computed
from the row (quote, ``instruments``, ``timing``, ``deadline_year``), its actor links and the lineage
links; the codebook (``data/README.md``, "How concrete") defines each and says where a rule is
deliberately conservative. Overdue and stale follow a day (``as_of``) and are never stored.

The fast path: the whole record's profile is computed once (``whole.memo``) on integer codes (actor links,
instrument items, lineage rows); the quotes are read once per *distinct* quote and the timing once per
distinct timing. A selection takes its rows by its mask; a record as of a day takes the first rows of the
record it was cut from (a commitment's profile does not change with the day).
"""

from __future__ import annotations

import difflib
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import DateParameterError, UnknownValueError
from ..package.text import MONTH_NUMBERS
from .asof import parse_as_of
from .codes import isin_codes
from .followthrough import NO_AREA, NOT_ASSESSED_LABEL, _status_rows_on, status_scale

__all__ = [
    "CRITERIA",
    "CRITERION_LABELS",
    "NOVELTY",
    "STATES",
    "resolve_criterion",
    "criteria_mask",
    "specificity",
    "specificity_shares",
    "overdue",
    "overdue_over_time",
]

#: The criteria of the profile, in the order they are shown.
CRITERIA = ("who", "instrument", "target", "deadline", "output")
#: How each criterion reads in a table, a badge or a chart.
CRITERION_LABELS = {
    "who": "Who acts",
    "instrument": "Instrument",
    "target": "Measurable target",
    "deadline": "Deadline or timing",
    "output": "Verifiable output",
}
#: Novelty, from new to not new.
NOVELTY = ("new", "partly new", "not new")
#: Where a commitment stands on a day, in the order charts stack them.
STATES = ("Overdue", "Stale", NOT_ASSESSED_LABEL, "Up to date", "Completed", "Dropped or superseded")
_CLOSED = {"completed": 4, "dropped": 5, "superseded": 5}  # status -> state code


# ------------------------------------------------------------------ the rules, as data (see the codebook)
def _rx(pattern: str) -> re.Pattern:
    """A rule's pattern, case-insensitive; a space in it matches any run of whitespace (quotes keep their line breaks)."""
    return re.compile(pattern.replace(" ", r"\s+"), re.IGNORECASE)


_MONTHS = "|".join(MONTH_NUMBERS)
# a number in digits, not glued to letters or a hyphen ("COVID-19", "G7", "21st")
_DIGITS = re.compile(r"(?<![\w/.,-])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w/-]|[.,]\d)")
_NUMBER_WORDS = _rx(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|thousand|million|billion|dozen|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|"
    r"diez|doce|quince|veinte|treinta|cuarenta|cincuenta|cien|ciento|mil|millón|millones|"
    r"halve|double|triple|duplicar|triplicar)\b(?!-)"
)
_RATE_AFTER = _rx(r"\s*(?:%|percent\b|per cent\b|por ciento\b)")
_DATE_BEFORE = _rx(
    rf"\b(?:{_MONTHS})\.?\s+$|\b(?:goal|area|article|section|paragraph|phase|chapter|objective|objetivo|artículo|"
    r"acuerdo|agreement|l[ií]nea de acci[oó]n|action|item|punto|numeral|inciso|fracci[oó]n)\s+$"
)
# A list item's own number at the start of its quote ("1. Ampliar", "2) Instalar", "Primero.-" has none): no target
_LIST_NUMBER = re.compile(r"\s*\(?\d{1,3}(?:\.\d{1,3})*(?:[.)]|\.-|:)(?=\s)")
_DATE_AFTER = _rx(rf"\s*(?:de\s+)?(?:{_MONTHS})\b")
_FOLLOWING = re.compile(r"(?:\s+[^\s,.;:()]+){0,2}")  # the words after a number: what it counts
_DELIVERY = _rx(
    r"\b(?:creat(?:e|es|ed|ing)|establish(?:es|ed|ing)?|launch(?:es|ed|ing)?|sign(?:s|ed|ing)?|"
    r"conven(?:e|es|ed|ing)|stand(?:s|ing)? up|stood up|set(?:s|ting)? up|hold(?:s|ing)?|held|meet(?:s|ing)?|"
    r"provid(?:e|es|ed|ing)|develop(?:s|ed|ing)?|adopt(?:s|ed|ing)?|publish(?:es|ed|ing)?|open(?:s|ed|ing)?|"
    r"crear|establecer|firmar|instalar|convocar|lanzar|poner en marcha|reunirse|proporcionar|otorgar|elaborar|"
    r"publicar|adoptar)\b"
)
# a hedge within the three words before a verb of delivery ("consider creating")
_HEDGE = _rx(
    r"\b(?:consider(?:ing)?|explor(?:e|ing)|stud(?:y|ying)|examin(?:e|ing)|evaluat(?:e|ing) the possibility of|"
    r"considerar|explorar|analizar|estudiar|evaluar la posibilidad de)(?:\s+\S+){0,2}\s+$"
)
_AFTER_VERB = re.compile(r"(?:\s+[^\s,.;:()]+){0,3}")
_REACH = re.compile(r"(?:\s+[^\s,.;:()]+){0,8}")
_FUNCTION_WORDS = {"to", "by", "the", "of", "for", "a", "an", "and", "in", "on", "with", "at", "from", "de", "la", "el", "y"}
_INSTRUMENT_WORDS = {
    "mou": r"memorand(?:um|a) of understanding|mous?|memorando de entendimiento",
    "network": r"networks?|red(?:es)?",
    "working-group": r"working groups?|grupos? de trabajo",
    "task-force": r"task forces?|fuerzas? de tarea",
    "lab": r"labs?|laborator(?:y|ies)|laboratorios?",
    "grant": r"grants?|subvenci(?:ón|ones)|donativos?",
    "designation": r"designations?|designaci(?:ón|ones)",
    "program": r"program(?:me)?s?|programas?",
    "meeting": r"meet(?:ing)?s?|reuni(?:ón|ones)",
    "training": r"training|capacitaci(?:ón|ones)",
    "plan": r"plans?|plan(?:es)?",
    "technical-assistance": r"technical assistance|asistencia técnica",
}
_INSTRUMENT_RX = {k: _rx(rf"\b(?:{v})\b") for k, v in _INSTRUMENT_WORDS.items()}
_TIMEFRAME = _rx(
    r"\b(?:by|before|until|till|no later than|within|during|ahead of|lead-up|annual(?:ly)?|yearly|year-round|"
    r"every|each (?:year|month|quarter|week)|monthly|quarterly|weekly|daily|biannual(?:ly)?|semiannual(?:ly)?|"
    r"antes de|a más tardar|hasta|durante|cada|anual(?:mente)?|mensual(?:mente)?|trimestral(?:mente)?)\b|"
    rf"\bin (?:early |late |mid-)?(?:\d{{4}}|{_MONTHS})\b|\bpara (?:el |finales de )?\d{{4}}\b|"
    rf"^\s*(?:(?:{_MONTHS})\s+)?(?:\d{{1,2}},?\s+)?(?:\d{{4}}|{_MONTHS})\s*$"
)
_DEADLINE_MONTH = _rx(rf"\b(?:by|before|para|antes de) (?:the end of |finales de )?({_MONTHS})\b")


def resolve_criterion(value) -> str:
    """A criterion as the profile names it, from its key or its label in any case (``"Who acts"`` -> ``"who"``).

    Parameters
    ----------
    value : str
        A key of :data:`CRITERIA` or its label.

    Returns
    -------
    str

    Raises
    ------
    UnknownValueError
        Naming the valid criteria.

    >>> resolve_criterion("Verifiable output"), resolve_criterion("DEADLINE")
    ('output', 'deadline')
    """
    key = " ".join(str(value).split()).casefold()
    names = {c: c for c in CRITERIA} | {label.casefold(): c for c, label in CRITERION_LABELS.items()}
    if key in names:
        return names[key]
    raise UnknownValueError("criterion", value, CRITERIA, difflib.get_close_matches(key, list(names), n=3))


# ------------------------------------------------------------------ text: one reading per distinct quote
def _target_words(quote: str) -> str:
    """The first measurable quantity of a quote and the words it counts ("80,000 seized weapons"), or ""."""
    found = []
    marker = _LIST_NUMBER.match(quote)
    for m in _DIGITS.finditer(quote, marker.end() if marker else 0):
        number = m.group(1)
        if len(number) == 4 and "," not in number and 1900 <= int(number) <= 2099:
            continue  # a year
        if _DATE_BEFORE.search(quote[max(0, m.start() - 14) : m.start()]) or _DATE_AFTER.match(quote, m.end()):
            continue  # a day of a date, or a label ("Goal 3")
        found.append(m)
    found += list(_NUMBER_WORDS.finditer(quote))
    if not found:
        return ""
    m = min(found, key=lambda x: x.start())
    rate = _RATE_AFTER.match(quote, m.end())
    end = rate.end() if rate else m.end()
    return " ".join((quote[m.start() : end] + _FOLLOWING.match(quote, end).group(0)).split())


def _delivery_words(quote: str, instruments=()) -> str:
    """The first verb of delivery that no hedge governs, with what it delivers: up to the word naming one of
    ``instruments`` when that comes within eight words ("create a bilateral working group"), else the next
    three words ("meet annually to advance"); "" when there is none."""
    names = [_INSTRUMENT_RX[i] for i in instruments if i in _INSTRUMENT_RX]
    for m in _DELIVERY.finditer(quote):
        if _HEDGE.search(quote[max(0, m.start() - 60) : m.start()]):
            continue
        after = _AFTER_VERB.match(quote, m.end()).group(0)
        reach = _REACH.match(quote, m.end()).group(0)
        ends = [x.end() for rx in names for x in [rx.search(reach)] if x is not None]
        if ends:
            after = reach[: min(ends)]
        words = (m.group(0) + after).split()
        while len(words) > 1 and words[-1].lower() in _FUNCTION_WORDS:
            words.pop()
        return " ".join(words)
    return ""


def _instrument_words(quote: str, instruments) -> str:
    """The words of the quote that name each instrument (its code where the quote has no such word)."""
    out = []
    for item in instruments:
        rx = _INSTRUMENT_RX.get(item)
        m = rx.search(quote) if rx is not None else None
        out.append(" ".join(m.group(0).split()) if m else item.replace("-", " "))
    return ", ".join(dict.fromkeys(out))


def _words(codes: np.ndarray, labels) -> pd.Categorical:
    """Words per row as a categorical: ``labels[codes]`` (``labels`` may repeat; the categories are its distinct values)."""
    distinct_codes, categories = pd.factorize(np.asarray(labels, dtype=object))
    return pd.Categorical.from_codes(distinct_codes[codes], categories=pd.Index(categories, dtype="str"))


def _grouped(rows: np.ndarray, item_ids: np.ndarray, labels: pa.Array, n: int) -> tuple[np.ndarray, pa.Array]:
    """Per row of ``n``, an index into the labels returned (0, ``labels[0] == ""``: no item), and those labels:
    ``labels`` followed by the words of each row with several items, joined by "; " in item order.

    ``rows`` and ``item_ids`` (indexes into ``labels``) are one item each (a link), in any order; a row with one
    item points at its label, a row with several at their joined words. The joining runs in Arrow."""
    codes = np.zeros(n, dtype=np.int64)
    if not len(rows):
        return codes, labels
    order = np.argsort(rows, kind="stable")
    rows, item_ids = rows[order], item_ids[order]
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    sizes = np.diff(np.r_[starts, len(rows)])
    single = starts[sizes == 1]
    codes[rows[single]] = item_ids[single]
    several = np.flatnonzero(sizes > 1)
    in_several = np.repeat(sizes > 1, sizes)  # per item, in row order: its row has several
    offsets = pa.array(np.r_[0, np.cumsum(sizes[several])], pa.int32())
    joined = pc.binary_join(pa.ListArray.from_arrays(offsets, labels.take(pa.array(item_ids[in_several]))), "; ")
    codes[rows[starts[several]]] = len(labels) + np.arange(len(several))
    return codes, pa.concat_arrays([labels, joined])


def _timing_facts(timing: pd.Series, year: np.ndarray) -> tuple[np.ndarray, pd.Categorical, np.ndarray]:
    """Per row: whether its timing or deadline year says when (bool), the deciding words, and the deadline day
    (``datetime64[D]``, NaT where none): each distinct timing read once."""
    n = len(timing)
    has_year = ~np.isnan(year)
    codes, uniques = pd.factorize(timing, use_na_sentinel=True)
    uniques = [str(u) for u in uniques]
    says_when = np.array([bool(_TIMEFRAME.search(u)) for u in uniques] + [False], dtype=bool)[codes]
    month = np.array([_month_of(u) for u in uniques] + [12], dtype=np.int64)[codes]
    years = np.nan_to_num(year, nan=0).astype(np.int64)
    # the words: the timing as written where it says when, else "by YEAR" for a deadline year alone
    labels = ["", *(" ".join(u.split()) for u in uniques)]
    word_codes = np.where(says_when, codes + 1, 0)
    alone = np.flatnonzero(has_year & ~says_when)
    if len(alone):
        by_year = {y: len(labels) + i for i, y in enumerate(np.unique(years[alone]))}
        labels += [f"by {y}" for y in by_year]
        word_codes[alone] = [by_year[y] for y in years[alone]]
    deadline = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    if has_year.any():  # the last day of the month named, else of the year
        first_of_next = (years[has_year] - 1970) * 12 + month[has_year]  # months since 1970-01 of the month after
        deadline[has_year] = first_of_next.astype("datetime64[M]").astype("datetime64[D]") - np.timedelta64(1, "D")
    return says_when | has_year, _words(word_codes, labels), deadline


def _month_of(timing: str) -> int:
    """The month a timing's deadline falls in ("by March 2023" -> 3), else 12 (the year's end)."""
    m = _DEADLINE_MONTH.search(timing)
    return MONTH_NUMBERS.get(m.group(1).lower(), 12) if m else 12


# ------------------------------------------------------------------ the whole record's profile, once
def _who(whole) -> tuple[np.ndarray, pd.Categorical]:
    """Rows with an actor besides the governments as lead or partner, and those actors ("SAMHSA (lead)")."""
    n = len(whole.commitments)
    links = whole.codes.links
    roles = [str(r) for r in whole.commitment_actors["role"].cat.categories]
    actors = whole.actors
    government = actors["type"].astype(str).isin(["country", "government"]).to_numpy()
    acting = isin_codes(links["role"], roles, ["lead", "partner"]) & ~government[links["actor"]]
    short = [a if isinstance(a, str) else name for a, name in zip(actors["acronym"], actors["name"])]
    labels = pa.array(["", *(f"{a} ({r})" for a in short for r in roles)], pa.string())  # 1 + actor * roles + role
    picked = np.flatnonzero(acting)
    rows = links["row"][picked]
    ids = 1 + links["actor"][picked].astype(np.int64) * len(roles) + links["role"][picked]
    codes, labels = _grouped(rows, ids, labels, n)
    return codes > 0, _words(codes, labels.to_numpy(zero_copy_only=False))


def _novelty(whole) -> tuple[np.ndarray, pd.api.extensions.ExtensionArray]:
    """Per row: novelty code (0 new, 1 partly new, 2 not new) and its words ("restates JS-43"; a row with
    several earlier commitments lists them, "; " between), as strings: nearly every row's words differ, and
    the words of the links are joined in Arrow."""
    n = len(whole.commitments)
    level = np.zeros(n, dtype=np.int64)
    links = whole.commitment_links
    if links.empty:
        return level, pd.array([""] * n, dtype="str")
    later = whole.codes.later_row
    relation = links["relation"].cat.codes.to_numpy()
    names = list(links["relation"].cat.categories)
    np.maximum.at(level, later, np.where(relation == names.index("restates"), 2, 1))
    relation_text = pc.take(pa.array(names, pa.string()), pa.array(relation))
    earlier = pc.cast(pa.array(links["earlier_id"].array), pa.string())
    link_words = pc.binary_join_element_wise(relation_text, earlier, " ")  # one per link
    labels = pa.concat_arrays([pa.array([""], pa.string()), link_words])  # 1 + link: that link's words
    codes, labels = _grouped(later, 1 + np.arange(len(links)), labels, n)
    return level, pd.array(labels.take(pa.array(codes)), dtype="str")


def _text_facts(whole, instrument: np.ndarray) -> dict:
    """Per row: target words, output words (a verb of delivery, read beside an instrument) and instrument words,
    as (codes, labels): each distinct quote is read once."""
    com = whole.commitments
    codes, quotes = pd.factorize(com["quote"])
    quotes = [str(q) for q in quotes]
    target = ["", *(_target_words(q) for q in quotes)]
    lists = com["instruments"].to_numpy()
    with_instrument = np.flatnonzero(instrument)
    first_row = np.full(len(quotes), -1, dtype=np.int64)
    first_row[codes[with_instrument][::-1]] = with_instrument[::-1]  # a row of each quote that has instruments
    verbs = ["", *(_delivery_words(q, lists[r]) if r >= 0 else "" for q, r in zip(quotes, first_row))]
    named = ["", *(_instrument_words(q, lists[r]) if r >= 0 else "" for q, r in zip(quotes, first_row))]
    quote_code = codes + 1
    return {
        "target": (np.where(np.array([t != "" for t in target])[quote_code], quote_code, 0), target),
        "verb": (np.where(instrument & np.array([v != "" for v in verbs])[quote_code], quote_code, 0), verbs),
        "instrument": (np.where(instrument, quote_code, 0), named),
    }


def _compute(whole) -> dict:
    """The profile of every row of a whole record: its boolean criteria as arrays and the frame of
    :func:`specificity` (the words as categoricals)."""
    com = whole.commitments
    n = len(com)
    item_rows, _, _ = whole.codes.items("instruments")
    instrument = np.bincount(item_rows, minlength=n)[:n] > 0
    who, who_words = _who(whole)
    text = _text_facts(whole, instrument)
    target = text["target"][0] > 0
    deliver = text["verb"][0] > 0
    output = deliver | target
    # the output's words: the verb of delivery, else the measurable target
    labels = text["verb"][1] + text["target"][1]
    output_codes = np.where(deliver, text["verb"][0], np.where(target, len(text["verb"][1]) + text["target"][0], 0))
    timing = _timing(whole)
    novelty, novelty_words = _novelty(whole)
    frame = pd.DataFrame(
        {
            "commitment_id": com["commitment_id"].array,
            "meets_who": who,
            "meets_instrument": instrument,
            "meets_target": target,
            "meets_deadline": timing["meets_deadline"],
            "meets_output": output,
            "criteria_met": who.astype(np.int64) + instrument + target + timing["meets_deadline"] + output,
            "who_words": who_words,
            "instrument_words": _words(*text["instrument"]),
            "target_words": _words(*text["target"]),
            "deadline_words": timing["deadline_words"],
            "output_words": _words(output_codes, labels),
            "novelty": pd.Categorical.from_codes(novelty, dtype=pd.CategoricalDtype(NOVELTY, ordered=True)),
            "novelty_words": novelty_words,
        }
    )
    meets = {f"meets_{c}": frame[f"meets_{c}"].to_numpy() for c in CRITERIA}
    return {**meets, "frame": frame}


def _once(whole, key: str, compute) -> dict:
    """``compute(whole)`` (a dict of per-row arrays or frames), once per record; a record as of a day takes the
    first rows of its full record's (a commitment's profile does not change with the day)."""
    full = getattr(whole, "_full", whole)
    if full is not whole:
        n = len(whole.commitments)
        return whole.memo(
            key, lambda: {k: v.iloc[:n] if isinstance(v, pd.DataFrame) else v[:n] for k, v in _once(full, key, compute).items()}
        )
    return whole.memo(key, lambda: compute(whole))


def _profile(whole) -> dict:
    """The whole record's profile: ``meets_*`` arrays and the frame of :func:`specificity`."""
    return _once(whole, "profile", _compute)


def _timing(whole) -> dict:
    """Per row: ``meets_deadline``, ``deadline_words`` and the deadline day ``due`` (all that overdue needs of the
    profile, so it does not read the quotes)."""

    def compute(record):
        com = record.commitments
        year = com["deadline_year"].astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
        meets, words, due = _timing_facts(com["timing"], year)
        return {"meets_deadline": meets, "deadline_words": words, "due": due}

    return _once(whole, "profile.timing", compute)


def criteria_mask(sel, criteria) -> np.ndarray:
    """Rows of the whole record that meet every one of ``criteria`` (what ``filter(meets=...)`` keeps).

    Parameters
    ----------
    sel : Dataset or Selection
    criteria : str or list of str
        Keys or labels of :data:`CRITERIA`.

    Returns
    -------
    ndarray of bool
        One entry per commitment row of the whole record.
    """
    prof = _profile(sel.whole)
    mask = np.ones(len(sel.whole.commitments), dtype=bool)
    for c in [criteria] if isinstance(criteria, str) else criteria:
        mask &= prof[f"meets_{resolve_criterion(c)}"]
    return mask


def specificity(sel) -> pd.DataFrame:
    """How concrete and how new each commitment of ``sel`` is: one row per commitment, in the selection's order.

    Parameters
    ----------
    sel : Dataset or Selection

    Returns
    -------
    DataFrame
        ``commitment_id``; ``meets_who``, ``meets_instrument``, ``meets_target``, ``meets_deadline``,
        ``meets_output`` (bool: the criteria of the codebook; a commitment is *concrete* when it meets
        ``output``); ``criteria_met`` (0-5); ``who_words`` ... ``output_words`` (categoricals: the words that
        decided each yes, "" for a no); ``novelty`` (new, partly new, not new: an ordered categorical) and
        ``novelty_words`` (str: "restates JS-43", "" for a new one).

    >>> import dialoguelib
    >>> p = specificity(dialoguelib.load()).set_index("commitment_id")
    >>> bool(p.loc["JS-43", "meets_target"]), p.loc["JS-43", "target_words"], bool(p.loc["JS-43", "meets_output"])
    (True, '80,000 seized weapons', True)
    >>> bool(p.loc["JS-36", "meets_output"]), p.loc["JS-36", "who_words"]
    (False, 'Network for Homicide Prevention (lead)')
    """
    frame = _profile(sel.whole)["frame"]
    if sel.mask.all():
        return frame.copy(deep=False)  # copy-on-write: changing it leaves the cached frame alone
    return frame[sel.mask].reset_index(drop=True)


def specificity_shares(sel, by: str = "goal") -> pd.DataFrame:
    """The share of each group's commitments that meets each criterion.

    Parameters
    ----------
    sel : Dataset or Selection
    by : {"goal", "area"}
        Goals (every goal of the framework with a commitment) or areas (``Goal level (no single area)`` for the goal-level ones).

    Returns
    -------
    DataFrame
        Index ``by`` (framework order; groups with no commitment left out); a column ``commitments``, a column
        per criterion with how many meet it (``who`` ... ``output``) and their shares (``who_share`` ...).

    Raises
    ------
    UnknownValueError
        ``by`` is neither goal nor area.

    >>> import dialoguelib
    >>> s = specificity_shares(dialoguelib.load())
    >>> int(s.loc["Pursue criminal networks", "commitments"]), int(s["output"].sum())
    (21, 10)
    """
    if by not in ("goal", "area"):
        raise UnknownValueError("grouping", by, ["goal", "area"])
    codes, names = _groups(sel, by)
    prof = _profile(sel.whole)
    k = len(names)
    table = pd.DataFrame({"commitments": np.bincount(codes, minlength=k)}, index=pd.Index(names, name=by))
    for c in CRITERIA:
        table[c] = np.bincount(codes, weights=prof[f"meets_{c}"][sel.mask], minlength=k).astype(np.int64)
    for c in CRITERIA:
        table[f"{c}_share"] = table[c] / table["commitments"].where(table["commitments"] > 0)
    return table[table["commitments"] > 0]


def _groups(sel, by: str) -> tuple[np.ndarray, list]:
    """The group code of each commitment of ``sel`` and the groups' names in framework order (areas: then :data:`~dialoguelib.query.followthrough.NO_AREA`)."""
    column = sel.commitments[f"{by}_id"]
    codes = column.cat.codes.to_numpy().astype(np.int64)
    table = sel.goals if by == "goal" else sel.areas
    names = dict(zip(table[f"{by}_id"].astype(str), table["name"]))
    labels = [names.get(str(c), str(c)) for c in column.cat.categories]
    if by == "area":
        codes = np.where(codes < 0, len(labels), codes)
        labels.append(NO_AREA)
    return codes, labels


# ------------------------------------------------------------------ overdue and stale, for a day
def _day(sel, as_of, parameter: str = "as_of") -> pd.Timestamp:
    """The day asked for, checked: the record's own day (or today) when none is given."""
    stands = sel.as_of_date
    if as_of is None or (isinstance(as_of, str) and not as_of.strip()):
        return stands if stands is not None else pd.Timestamp.today().normalize()
    day = parse_as_of(as_of, first=sel.whole.documents["date"].min(), parameter=parameter)
    if stands is not None and day > stands:
        raise DateParameterError(
            parameter,
            str(as_of),
            f"after the day this record stands as of ({stands:%Y-%m-%d})",
            "a day no later than that, or ask the record as it is now",
        )
    return day


def _months(months) -> int:
    if isinstance(months, bool) or not isinstance(months, (int, np.integer)) or months < 1:
        raise DateParameterError("months", str(months), "not a whole number of months of at least 1", "a number such as 12")
    return int(months)


def _ledger_facts(whole) -> dict:
    """What every day's states read, once per record: each commitment's document date; each ledger row's
    status code (:func:`~dialoguelib.query.followthrough.status_scale` order), closed state code (0: open) and
    evidence day."""

    def compute():
        com, su = whole.commitments, whole.status_updates
        scale = ["not_assessed", *whole.statuses["status_id"].astype(str)]
        status = su["status"].cat.codes.to_numpy().astype(np.int64) + 1
        return {
            "doc_date": whole.documents["date"].to_numpy().astype("datetime64[D]")[com["document_id"].cat.codes.to_numpy()],
            "status": status,
            "closed": np.array([_CLOSED.get(x, 0) for x in scale], dtype=np.int64)[status],
            "evidence": su["as_of"].to_numpy().astype("datetime64[D]"),
        }

    return whole.memo("profile.ledger", compute)


def _states(whole, day: pd.Timestamp, months: int) -> dict:
    """Every row of the whole record on ``day``: alive (its document published), its status code, evidence day,
    overdue, stale and state code (:data:`STATES`)."""
    facts = _ledger_facts(whole)
    today = np.datetime64(day.date(), "D")
    latest = _status_rows_on(whole, day)
    hit = latest >= 0
    on_day = latest[hit]
    status = np.zeros(len(latest), dtype=np.int64)
    status[hit] = facts["status"][on_day]
    closed = np.zeros(len(latest), dtype=np.int64)
    closed[hit] = facts["closed"][on_day]
    evidence = facts["doc_date"].copy()
    evidence[hit] = facts["evidence"][on_day]
    due = _timing(whole)["due"]
    alive = facts["doc_date"] <= today
    open_ = alive & (closed == 0)
    overdue = open_ & (due < today)  # NaT compares False: no deadline, never overdue
    stale = open_ & (evidence < np.datetime64((day - pd.DateOffset(months=months)).date(), "D"))
    state = np.where(closed > 0, closed, np.where(hit, 3, 2))
    state[stale] = 1
    state[overdue] = 0
    return {"alive": alive, "status": status, "evidence": evidence, "overdue": overdue, "stale": stale, "state": state}


def overdue(sel, as_of=None, months: int = 12) -> pd.DataFrame:
    """Which commitments of ``sel`` are overdue or stale on a day: computed for that day, never stored.

    A commitment is *overdue* when its deadline (31 December of ``deadline_year``, or the month its timing
    names) is before the day and its latest status recorded by then is not completed (nor dropped or
    superseded); *stale* when it is open and has no status evidence dated within ``months`` months (counting
    from its document when it was never assessed). See the codebook, "How concrete".

    Parameters
    ----------
    sel : Dataset or Selection
    as_of : str, date or Timestamp, optional
        The day, ``YYYY-MM-DD`` (default: the day the record stands as of, else today). Not before the first
        document, nor after the record's own day.
    months : int
        How long without status evidence makes a commitment stale (default 12).

    Returns
    -------
    DataFrame
        One row per commitment of ``sel`` published by the day, in its order: ``commitment_id``, ``deadline``
        (NaT where none), ``deadline_words``, ``status`` (the latest status's label by then, "Not assessed"
        when none), ``last_evidence`` (its as-of day, or the document's date), ``overdue``, ``stale`` and
        ``state`` (ordered categorical of :data:`STATES`).

    Raises
    ------
    DateParameterError
        ``as_of`` is not a day in the form YYYY-MM-DD, lies outside the record; ``months`` is not a whole number >= 1.

    >>> import dialoguelib
    >>> ds = dialoguelib.load()
    >>> list(ds.overdue(as_of="2023-01-01").query("overdue").commitment_id), int(ds.overdue(as_of="2022-12-31").overdue.sum())
    (['JS-46'], 0)
    """
    day = _day(sel, as_of)
    months = _months(months)
    whole = sel.whole
    s = _states(whole, day, months)
    rows = np.flatnonzero(sel.mask & s["alive"])
    timing = _timing(whole)
    labels = status_scale(sel)["label"].to_numpy(dtype=object)
    status = labels[s["status"][rows]]
    return pd.DataFrame(
        {
            "commitment_id": whole.commitments["commitment_id"].array.take(rows),
            "deadline": pd.to_datetime(timing["due"][rows]),
            "deadline_words": timing["deadline_words"].take(rows),
            "status": status,
            "last_evidence": pd.to_datetime(s["evidence"][rows]),
            "overdue": s["overdue"][rows],
            "stale": s["stale"][rows],
            "state": pd.Categorical.from_codes(s["state"][rows], dtype=pd.CategoricalDtype(STATES, ordered=True)),
        }
    )


def overdue_over_time(sel, months: int = 12, dates=None) -> pd.DataFrame:
    """How many commitments of ``sel`` stood in each state (:data:`STATES`) on each of ``dates``.

    Parameters
    ----------
    sel : Dataset or Selection
    months : int
        As :func:`overdue` (default 12).
    dates : list of day, optional
        Default: the end of each quarter from the first document to the record's day (or today), the
        milestones between, the day after each deadline, and that day itself.

    Returns
    -------
    DataFrame
        Long form: ``date``, ``state`` (categorical), ``n``; a commitment counts from its document's date on.
    """
    months = _months(months)
    whole = sel.whole
    end = _day(sel, None)
    if dates is None:
        dates = _default_dates(sel, end)
    days = sorted({pd.Timestamp(d).normalize() for d in dates})
    counts = np.zeros((len(days), len(STATES)), dtype=np.int64)
    for i, day in enumerate(days):
        s = _states(whole, day, months)
        counts[i] = np.bincount(s["state"][sel.mask & s["alive"]], minlength=len(STATES))
    return pd.DataFrame(
        {
            "date": pd.DatetimeIndex(days).repeat(len(STATES)),
            "state": pd.Categorical.from_codes(
                np.tile(np.arange(len(STATES)), len(days)), dtype=pd.CategoricalDtype(STATES, ordered=True)
            ),
            "n": counts.ravel(),
        }
    )


def _default_dates(sel, end: pd.Timestamp) -> list:
    whole = sel.whole
    first = whole.documents["date"].min()
    quarters = list(pd.date_range(first, end, freq="QE"))
    due = _timing(whole)["due"][sel.mask]
    after_due = [pd.Timestamp(d) + pd.Timedelta(days=1) for d in np.unique(due[~np.isnat(due)])]
    milestones = list(whole.milestones["date"])
    return [d for d in [first, *quarters, *milestones, *after_due, end] if first <= d <= end]
