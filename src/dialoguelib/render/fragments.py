"""HTML fragments of the pages: the commitments table, headlines, cards, quoted descriptions, the actors
table, the provenance line and the annotated source text.

All text that comes from the data is HTML-escaped here (:func:`dialoguelib.render.markup.esc`);
none of it passes through a Markdown renderer, where ``[x](javascript:...)`` would become a link.
"""

from __future__ import annotations

import re

import pandas as pd

from ..package.text import body_end, body_start
from .components import component, safe
from .datatable import source_href
from .markup import esc as _esc
from .markup import link
from .quotes import quote_html
from .specificity import card_profiles
from .styles import UNKNOWN_COLOUR, goal_colours, style_tag

__all__ = [
    "commitments_frame",
    "commitments_table_html",
    "headline",
    "blockquote",
    "goal_legend_html",
    "source_html",
    "contents",
    "title",
    "illustrative_banner",
    "frame_html",
    "count_boxes",
    "commitment_cards",
    "actors_table",
    "roles_line",
    "provenance",
    "MAX_TABLE_ROWS",
    "LANGUAGE_PHRASE",
]

MAX_TABLE_ROWS = 200

#: How a document's language reads in a page ("in English"), by its code in documents.csv.
LANGUAGE_PHRASE = {"en": "in English", "es": "in Spanish"}


def commitments_frame(ds, max_rows: int | None = MAX_TABLE_ROWS) -> pd.DataFrame:
    """The selection as a compact table for display: one row per commitment.

    Columns: ``id``, ``document``, ``¶`` (paragraph), ``goal``, ``area``, ``kind``,
    ``modality``, ``party``, ``quote`` (line breaks folded), ``actors``.

    Parameters
    ----------
    ds : Dataset or Selection
        The commitments to show.
    max_rows : int or None
        Keep only the first this many commitments; default :data:`MAX_TABLE_ROWS` (200); None keeps all.

    Returns
    -------
    DataFrame
        One row per commitment (index from 0), the columns above; ``area`` is ``"—"`` where there is none and
        ``actors`` joins the actors' names with ``", "``.

    Examples
    --------
    >>> import dialoguelib
    >>> from dialoguelib.render import commitments_frame
    >>> commitments_frame(dialoguelib.load().by_actor("DEA")).loc[0, "id"]
    'JS-47'
    """
    t = ds.tidy if max_rows is None else ds.tidy.head(max_rows)
    return pd.DataFrame(
        {
            "id": t["commitment_id"].astype(str),
            "document": t["document_code"].astype(str),
            "¶": t["paragraph"],
            "goal": t["goal"].astype(str),
            "area": t["area"].astype(object).fillna("—").astype(str),
            "kind": t["kind"].astype(str),
            "modality": t["modality"].astype(str),
            "party": t["party"].astype(str),
            "quote": t["quote"].str.replace(r"\s+", " ", regex=True).astype(str),
            "actors": t["actors"].map(", ".join),
        }
    ).reset_index(drop=True)


def commitments_table_html(ds, max_rows: int = MAX_TABLE_ROWS) -> str:
    """An HTML table of the selection (escaped), with a goal colour chip and a row cap note.

    Parameters
    ----------
    ds : Dataset or Selection
        The commitments to show.
    max_rows : int
        Show at most the first this many commitments (a note says so when there are more);
        default :data:`MAX_TABLE_ROWS` (200).

    Returns
    -------
    str
        HTML, with every value from the data escaped: the style tag and a ``dlx-table`` table (id, document and
        paragraph, goal and area, modality with party and kind, quote, actors), or a paragraph saying that no
        commitment matches.
    """
    colours = goal_colours(ds.goals)
    terms = getattr(ds, "terms", ())
    df = commitments_frame(ds, max_rows=max_rows)
    if df.empty:
        return "<p><i>No commitments match this selection.</i></p>"
    head = "".join(f"<th>{_esc(c)}</th>" for c in ["id", "doc ¶", "goal / area", "modality", "quote", "actors"])
    rows = []
    for r in df.itertuples(index=False):
        chip = f'<span style="display:inline-block;width:10px;height:10px;background:{colours.get(r.goal, UNKNOWN_COLOUR)};margin-right:4px"></span>'
        rows.append(
            f"<tr><td>{_esc(r.id)}</td><td>{_esc(r.document)} ¶{_esc(r[2])}</td>"
            f"<td>{chip}{_esc(r.goal)}<br><small>{_esc(r.area)}</small></td>"
            f"<td>{_esc(r.modality)}<br><small>{_esc(r.party)}, {_esc(r.kind)}</small></td>"
            f"<td>{quote_html(r.quote, terms)}</td><td><small>{_esc(r.actors)}</small></td></tr>"
        )
    note = ""
    if len(ds) > max_rows:
        note = f"<p><small>Showing the first {max_rows:,} of {len(ds):,} commitments; narrow the selection to see the rest.</small></p>"
    return f'{style_tag()}<table class="dlx-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>{note}'


def headline(ds, scope: str) -> str:
    """A one-paragraph HTML summary of a selection: counts by kind, documents and actors.

    Parameters
    ----------
    ds : Dataset or Selection
        The commitments to summarise.
    scope : str
        Text naming the selection (e.g. a goal's name), shown in italics.

    Returns
    -------
    str
        HTML, escaped: a ``<p class="dlx-headline">`` with the number of commitments, of each kind, per
        document (or of documents, when more than three) and of actors besides the two governments.

    Examples
    --------
    >>> import dialoguelib
    >>> print(headline(dialoguelib.load().by_goal("pursue"), "Pursue criminal networks"))
    <p class="dlx-headline"><b>21 commitments</b> in scope (<i>Pursue criminal networks</i>): 8 concrete actions, 13 objectives, 0 principles; 10 from the joint statement and 11 from the fact sheet; 8 actors involved besides the two governments.</p>
    """
    t = ds.tidy
    kinds = t["kind"].value_counts()
    docs = t["document_code"].astype(str).value_counts().to_dict()
    names = dict(zip(ds.documents["code"], ds.documents["kind"].str.replace("_", " ")))
    if len(docs) <= 3:
        doc_part = " and ".join(f"{docs[c]} from the {names[c]}" for c in ds.documents["code"][::-1] if c in docs)
    else:  # many statements: naming each would bury the headline
        doc_part = f"from {len(docs):,} documents"
    n_actors = ds.n_actors()
    return (
        f'<p class="dlx-headline"><b>{_count(len(ds), "commitment")}</b> in scope (<i>{_esc(scope)}</i>): '
        f"{_count(kinds.get('action', 0), 'concrete action')}, "
        f"{_count(kinds.get('objective', 0), 'objective')}, {_count(kinds.get('principle', 0), 'principle')}"
        + (f"; {_esc(doc_part)}" if doc_part else "")
        + f"; {_count(n_actors, 'actor')} involved besides the two governments.</p>"
    )


def blockquote(text, lead: str | None = None) -> str:
    """A quoted passage from the data as HTML, with an optional bold lead-in (both escaped).

    Parameters
    ----------
    text : str
        The passage (any value; a missing one gives an empty quote).
    lead : str, optional
        A bold lead-in followed by a colon; default None, no lead-in.

    Returns
    -------
    str
        HTML, escaped: a ``<blockquote class="dlx-description">``.

    Examples
    --------
    >>> blockquote("Reduce <arms> trafficking", lead="Arms")
    '<blockquote class="dlx-description"><b>Arms:</b> Reduce &lt;arms&gt; trafficking</blockquote>'
    """
    head = f"<b>{_esc(lead)}:</b> " if lead else ""
    return f'<blockquote class="dlx-description">{head}{_esc(text)}</blockquote>'


def _count(n, noun: str) -> str:
    """``"1 actor"``, ``"3 actors"``."""
    n = int(n)
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def goal_legend_html(ds) -> str:
    """A small legend of the goal colours.

    Parameters
    ----------
    ds : Dataset or Selection
        The data whose goals are listed (every goal of the framework).

    Returns
    -------
    str
        HTML, escaped: one ``span`` per goal in framework order, its name on a tint of its colour.
    """
    return " ".join(
        f'<span style="background:{c}33;border-left:4px solid {c};padding:1px 6px;margin-right:6px">{_esc(g)}</span>'
        for g, c in goal_colours(ds.goals).items()
    )


def source_html(ds, document, selection=None, max_height: str | None = "640px", anchors: bool = False) -> str:
    """A document's raw text with every commitment highlighted in place, coloured by goal.

    Hovering a highlight shows its id, goal, area, modality, party and actors (``title``
    attribute). Commitments outside ``selection`` (a filtered Dataset) are underlined only.

    Parameters
    ----------
    ds : Dataset or Selection
        The data: its commitments in the document are marked.
    document : str
        The document: id, code or title, resolved with :meth:`Dataset.resolve`.
    selection : Dataset or Selection, optional
        The commitments to highlight; default None, every commitment of ``ds``.
    max_height : str or None
        CSS height of the scrolling text box; default ``"640px"``; None lets the text take its full height.
    anchors : bool
        Give each commitment's ``mark`` the id ``c-<commitment id>``, the target of
        :func:`~dialoguelib.render.datatable.source_href` (default False: a page may show several sources).

    Returns
    -------
    str
        HTML, escaped: a ``dlx-source`` ``div`` with the document's title, its number of commitments and how many
        are in the selection, the goal legend, and the full text with each commitment in a ``mark`` (its id as
        a superscript).
    """
    doc = ds.resolve("document", document)
    text = ds.raw_texts[doc]
    t = ds.tidy
    rows = t[t["document_id"] == doc].sort_values("start")
    selected = set((selection if selection is not None else ds).tidy["commitment_id"])
    terms = getattr(selection if selection is not None else ds, "terms", ())
    colours = goal_colours(ds.goals)
    parts, pos = [], min([body_start(text), *rows["start"].astype(int)])  # the text, not its metadata header
    for r in rows.itertuples(index=False):
        s, e = int(r.start), int(r.end)
        if s < pos:  # overlapping spans in extended data: show the first only
            continue
        parts.append(quote_html(text[pos:s], terms))
        colour = colours.get(str(r.goal), UNKNOWN_COLOUR)
        tip = (
            f"{r.commitment_id} · {r.goal}"
            + (f" · {r.area}" if isinstance(r.area, str) else "")
            + f" · {r.modality} ({r.party}, {r.kind})"
            + (f" · actors: {', '.join(r.actors)}" if r.actors else "")
        )
        if r.commitment_id in selected:
            style = f"background:{colour}40;border-bottom:2px solid {colour};border-radius:2px"
        else:
            style = f"border-bottom:1px dashed {colour};color:#666"
        flag = "1" if r.commitment_id in selected else "0"
        anchor = f' id="c-{_esc(r.commitment_id)}"' if anchors else ""
        parts.append(
            f'<mark{anchor} data-id="{_esc(r.commitment_id)}" data-selected="{flag}" title="{_esc(tip)}" style="{style}">'
            f'{quote_html(text[s:e], terms)}<sup style="font-size:9px;color:#444">{_esc(r.commitment_id)}</sup></mark>'
        )
        pos = e
    end = max(pos, body_end(text)) if anchors else len(text)  # a reader page: the archive's furniture left out
    parts.append(quote_html(text[pos:end], terms))
    title = ds.name("document", doc)
    box = f"max-height:{max_height};overflow-y:auto;" if max_height else ""
    body = "".join(parts)
    if anchors:  # a reader page: the text reflows to the screen; a blank line still ends a paragraph
        body = re.sub(r"[ \t]*\n(?:[ \t]*\n)+[ \t]*", "<br><br>", body)
        body = re.sub(r"\n(?=[ \t]*(?:[•\-*]|\d{1,2}[.)])[ \t])", "<br>", body)  # a list item keeps its own line
    wrap = "white-space:normal" if anchors else "white-space:pre-wrap"
    left_out = (
        f'<p class="dlx-meta">The archived page goes on after the text ({len(text.rstrip()) - end} characters of its '
        "navigation), which is not shown.</p>"
        if anchors and len(text.rstrip()) > end
        else ""
    )
    return (
        f'<div class="dlx-source"><p><b>{_esc(title)}</b> — {len(rows)} commitments, '
        f"{len(selected & set(rows['commitment_id']))} in the selection. {goal_legend_html(ds)}</p>"
        f'<div class="dlx-source-text" style="{box}{wrap};font-family:Georgia,serif;font-size:15px;line-height:1.55;'
        f'border:1px solid #ddd;padding:10px">{body}</div>{left_out}</div>'
    )


def contents(sections) -> str:
    """A page's table of contents: a link to each section heading (nbconvert's anchors: spaces become hyphens).

    >>> contents(["Charts", "What became of it"])
    '<nav class="dlx-contents"><b>Contents:</b> <a href="#Charts">Charts</a> · <a href="#What-became-of-it">What became of it</a></nav>'
    """
    links = " · ".join(f'<a href="#{_esc("-".join(s.split()))}">{_esc(s)}</a>' for s in sections)
    return f'<nav class="dlx-contents"><b>Contents:</b> {links}</nav>'


def title(text: str, subtitle: str) -> str:
    """A page's title (``<h1>``) and its subtitle.

    Parameters
    ----------
    text, subtitle : str
        From the data or the scope; both are escaped.

    Returns
    -------
    str
        HTML.
    """
    return component("title", text, subtitle)


def frame_html(df: pd.DataFrame, index: bool | None = None) -> str:
    """A small table of results (a summary, a list of commitments) as a reader should see it: missing values as
    "—", dates as ``YYYY-MM-DD``, numbers to the right, a row label only when the index means something.

    Parameters
    ----------
    df : DataFrame
        The table.
    index : bool, optional
        Show the index as the first column (default None: when it is named, as a summary's groups are).

    Returns
    -------
    str
        HTML, every value escaped.

    >>> import dialoguelib
    >>> "&lt;NA&gt;" in frame_html(dialoguelib.load().compliance()), "—" in frame_html(dialoguelib.load().compliance())
    (False, True)
    """
    if index is None:
        index = df.index.name is not None
    shown = df.reset_index() if index else df.reset_index(drop=True)

    def cell(v):
        if v is None or v is pd.NA or (isinstance(v, float) and v != v) or v is pd.NaT:
            return "—"
        if isinstance(v, pd.Timestamp):
            return f"{v:%Y-%m-%d}"
        if isinstance(v, (list, tuple)):
            return ", ".join(map(str, v)) or "—"
        if isinstance(v, float):
            return f"{v:.2f}"
        return v

    numeric = tuple(i for i, c in enumerate(shown.columns) if pd.api.types.is_numeric_dtype(shown[c]))
    rows = [[cell(v) for v in r] for r in shown.itertuples(index=False)]
    return style_tag() + component("table", [str(c).replace("_", " ") for c in shown.columns], rows, numeric=numeric)


def illustrative_banner(ds) -> str:
    """A banner saying that the record holds the team's illustrative material (empty for the real record).

    >>> import dialoguelib
    >>> illustrative_banner(dialoguelib.load())
    ''
    """
    what = ds.illustrative
    if not what:
        return ""
    return component("banner", what)


def count_boxes(counts: dict) -> str:
    """Headline counts as a row of boxes: ``{label: number}``, each number tagged ``data-name=label``."""
    return style_tag() + component("count_boxes", [(k, int(v)) for k, v in counts.items()])


def commitment_cards(ds, source_links: bool = False) -> str:
    """Every commitment of a selection as a card: where it comes from, how it is coded, its quote, its actors.

    Parameters
    ----------
    ds : Dataset or Selection
    source_links : bool
        End each card with a link to its place in the document's reader page (a report set's
        ``source-<document>.html``); default False.

    Returns
    -------
    str
        HTML, escaped; a ``dlx-commitment`` element per commitment, with ``data-id``, ending in its specificity
        badges (the criteria met with their words, those not met, its novelty).
    """
    t = ds.tidy
    if t.empty:
        return "<p><i>No commitments in scope.</i></p>"
    colours = goal_colours(ds.goals)
    terms = getattr(ds, "terms", ())
    profiles = card_profiles(ds)
    items = []
    for r in t.itertuples(index=False):
        card = {
            "id": r.commitment_id,
            "colour": colours.get(str(r.goal), UNKNOWN_COLOUR),
            "document": r.document_title,
            "paragraph": r.paragraph,
            "goal": r.goal,
            "area": r.area if isinstance(r.area, str) else "",
            "modality": r.modality,
            "party": r.party,
            "kind": r.kind,
            "timing": r.timing if isinstance(r.timing, str) else "",
            "instruments": ", ".join(r.instruments) if r.instruments else "",
            "quote_html": safe(quote_html(" ".join(str(r.quote).split()), terms)),
            "actors": ", ".join(r.actors),
            "href": source_href(r.document_id, r.commitment_id) if source_links else "",
            "profile": profiles.get(r.commitment_id, ""),
        }
        items.append(component("card", card))
    return style_tag() + "".join(items)


def actors_table(ds) -> str:
    """A table of the actors of a selection: type, country, commitments and roles; most commitments first.

    Parameters
    ----------
    ds : Dataset or Selection

    Returns
    -------
    str
        HTML, escaped.
    """
    long = ds.long
    if long.empty:
        return "<p><i>No actors in scope.</i></p>"
    g = (
        long.groupby(["actor", "actor_type", "country"], observed=True)
        .agg(commitments=("commitment_id", "nunique"), roles=("role", lambda r: ", ".join(sorted(set(map(str, r))))))
        .reset_index()
        .sort_values(["commitments", "actor"], ascending=[False, True])
    )
    rows = [[r.actor, str(r.actor_type).replace("_", " "), r.country, r.commitments, r.roles] for r in g.itertuples(index=False)]
    return style_tag() + component("table", ["Actor", "Type", "Country", "Commitments", "Roles"], rows, numeric=(3,))


def roles_line(counts) -> str:
    """``Roles: lead 3, partner 1`` from ``{role: n}`` (roles with none left out)."""
    parts = ", ".join(f"{_esc(k)} {int(n)}" for k, n in counts.items() if n > 0)
    return f"<p><b>Roles:</b> {parts or 'none'}</p>"


def provenance(ds, library_version: str, built) -> str:
    """Where a report comes from: the data version and folder, the library version, the build date, the sources, the citation.

    Parameters
    ----------
    ds : Dataset
    library_version : str
        dialoguelib's version.
    built : datetime.date
        The build date.

    Returns
    -------
    str
        HTML, escaped; a source's title links to its address when that is http(s).
    """
    docs = "; ".join(
        f"{link(r.source_url, r.title)} ({r.date:%d %B %Y}, {_esc(r.publisher)}, {_esc(LANGUAGE_PHRASE.get(r.language, r.language))}, "
        f"sha256 {_esc(r.sha256[:12])}…)"
        for r in ds.documents.itertuples(index=False)
    )
    as_of = f" · the record as of <b>{ds.as_of_date:%d %B %Y}</b>" if ds.as_of_date is not None else ""
    return (
        f'<p class="dlx-provenance">Data version <b>{_esc(ds.release.label)}</b>{as_of} (folder <code>{_esc(ds.data_dir.name)}</code>) '
        f"· dialoguelib {_esc(library_version)} · built {built:%Y-%m-%d}.</p>\n"
        f"<p>Sources: {docs}. Quotes are verbatim; paragraph numbers count blocks of the raw text. "
        "How commitments were identified and coded: the project's <code>data/README.md</code>.</p>\n"
        f'<p class="dlx-citation">Cite as: {_esc(ds.citation)}</p>'
    )
