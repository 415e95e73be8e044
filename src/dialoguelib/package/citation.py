"""The data's release: its semantic version, date and content digest, and the citation built from
them in every format offered (text, BibTeX, CFF).

A data folder's ``datapackage.json`` names its ``version`` (``MAJOR.MINOR.PATCH``, bumped when
rows change: ``merge`` bumps the minor part), the date of that version (``created``) and the
``content_digest`` of its tables as released (``sha256:`` and the hex digest of the tables'
bytes in table-name order). When the tables no longer match that digest (rows edited by hand
since), or the title or contributors differ from what the release recorded, the citation says so
rather than claim the release.

>>> import dialoguelib
>>> r = dialoguelib.load().release
>>> r.modified, r.version == dialoguelib.load().descriptor["version"]
(False, True)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .schema import SEMVER

__all__ = ["Release", "release", "bump", "edited_fields", "SEMVER", "DIGEST_PREFIX", "RELEASED", "CITED_FIELDS"]

DIGEST_PREFIX = "sha256:"
# what a release records beside its content digest (dialoguelib.package.history): each table's
# length and sha256, and the fields a citation quotes as they were released
RELEASED = "dialoguelib:released"
CITED_FIELDS = ("title", "contributors")
_SHORT = 12  # hex digits of the digest shown in citations
_BIB_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}"}


@dataclass(frozen=True)
class Release:
    """A data folder's version as released, and the digest its tables have now."""

    title: str
    version: str
    date: str
    digest: str
    recorded: str
    authors: tuple[str, ...] = ()
    edited: tuple[str, ...] = ()  # citation fields of the descriptor edited since the release

    @property
    def modified(self) -> bool:
        """True when the tables differ from the release's recorded digest (or none was recorded), or the
        title or contributors from what the release recorded."""
        return self.recorded != self.digest or bool(self.edited)

    @property
    def label(self) -> str:
        """``1.0.0 (sha256:62dece25c7ea)``, or ``1.0.0+changes (sha256:...)`` when modified."""
        return f"{self.version}{'+changes' if self.modified else ''} ({DIGEST_PREFIX}{self.digest[:_SHORT]})"

    def citation(self) -> str:
        """The recommended citation: authors (year). Title (version, date) [Data set]. Content digest.

        >>> Release("T", "1.2.0", "2026-11-24", "ab" * 32, "ab" * 32, ("A team",)).citation()
        'A team (2026). T (version 1.2.0, 2026-11-24) [Data set]. Content digest sha256:abababababab.'
        >>> Release("T", "1.2.0", "2026-11-24", "cd" * 32, "ab" * 32).citation()  # doctest: +NORMALIZE_WHITESPACE
        'T (version 1.2.0 with unreleased changes, 2026-11-24) [Data set]. Content digest sha256:cdcdcdcdcdcd
         (the release had sha256:abababababab).'
        """
        who = f"{', '.join(self.authors)} ({self.date[:4]}). " if self.authors else ""
        version = f"version {self.version}{' with unreleased changes' if self.modified else ''}, {self.date}"
        digest = f"Content digest {DIGEST_PREFIX}{self.digest[:_SHORT]}"
        if self.recorded != self.digest and self.recorded:
            digest += f" (the release had {DIGEST_PREFIX}{self.recorded[:_SHORT]})"
        return f"{who}{self.title} ({version}) [Data set]. {digest}."

    def bibtex(self) -> str:
        """The citation as a BibTeX ``@misc`` entry (braces in fields escaped).

        >>> print(Release("T {draft}", "1.2.0", "2026-11-24", "ab" * 32, "ab" * 32, ("A team",)).bibtex())
        @misc{dialoguelib_data_1_2_0,
          title = {T \\{draft\\}},
          author = {A team},
          year = {2026},
          version = {1.2.0},
          note = {Data set, content digest sha256:abababababababababababababababababababababababababababababababab}
        }
        """
        authors = " and ".join(_bib(a) for a in self.authors) or "dialogue-explorer team"
        return (
            f"@misc{{dialoguelib_data_{self.version.replace('.', '_')},\n  title = {{{_bib(self.title)}}},\n"
            f"  author = {{{authors}}},\n  year = {{{self.date[:4]}}},\n"
            f"  version = {{{self.version}}},\n  note = {{Data set, content digest {DIGEST_PREFIX}{self.digest}}}\n}}"
        )

    def cff(self) -> str:
        """The citation as a Citation File Format (CFF 1.2.0) document, as ``CITATION.cff`` holds it.

        >>> print(Release("T", "1.2.0", "2026-11-24", "ab" * 4, "ab" * 4, ("A team",)).cff())
        cff-version: 1.2.0
        type: dataset
        message: "If you use these data, please cite this release by its version and content digest."
        title: "T"
        version: 1.2.0
        date-released: 2026-11-24
        authors:
          - name: "A team"
        identifiers:
          - type: other
            value: "sha256:abababab"
            description: "Content digest of the data tables (sha256 of the CSV files' bytes in table-name order)"
        """
        authors = "".join(f"\n  - name: {_yaml(a)}" for a in self.authors or ("dialogue-explorer team",))
        return (
            "cff-version: 1.2.0\ntype: dataset\n"
            'message: "If you use these data, please cite this release by its version and content digest."\n'
            f"title: {_yaml(self.title)}\nversion: {self.version}\ndate-released: {self.date}\nauthors:{authors}\n"
            f'identifiers:\n  - type: other\n    value: "{DIGEST_PREFIX}{self.digest}"\n'
            '    description: "Content digest of the data tables (sha256 of the CSV files\' bytes in table-name order)"'
        )


def _bib(text: str) -> str:
    """A BibTeX field's text: braces and backslashes escaped, so that an unbalanced brace cannot end the entry.

    >>> print(_bib("a {b} \\\\ c"))
    a \\{b\\} \\textbackslash{} c
    """
    return re.sub(r"[\\{}]", lambda m: _BIB_ESCAPES[m.group()], str(text))


def _yaml(text: str) -> str:
    """A double-quoted YAML scalar (JSON's string syntax is YAML's)."""
    return json.dumps(" ".join(str(text).split()), ensure_ascii=False)


def edited_fields(descriptor: dict) -> tuple[str, ...]:
    """The citation fields of a descriptor (title, contributors) that differ from what its release recorded.

    >>> edited_fields({"title": "New", RELEASED: {"title": "Old", "contributors": []}})
    ('title',)
    >>> edited_fields({"title": "T"})  # no record: nothing to compare with
    ()
    """
    rec = descriptor.get(RELEASED)
    if not isinstance(rec, dict):
        return ()
    return tuple(f for f in CITED_FIELDS if descriptor.get(f, "" if f == "title" else []) != rec.get(f))


def release(tables) -> Release:
    """The release of a set of typed tables (see :class:`dialoguelib.package.tables.Tables`).

    Parameters
    ----------
    tables : Tables
        Their ``descriptor`` names the version; their ``digest`` is what the files hold now.

    Returns
    -------
    Release
    """
    d = tables.descriptor
    recorded = str(d.get("content_digest", ""))
    authors = tuple(str(c.get("title", "")) for c in d.get("contributors", []) if isinstance(c, dict) and c.get("title"))
    return Release(
        title=str(d.get("title") or d.get("name") or "dialoguelib data"),
        version=str(d.get("version", "0.0.0")),
        date=str(d.get("created", ""))[:10],
        digest=tables.digest,
        recorded=recorded.removeprefix(DIGEST_PREFIX),
        authors=authors,
        edited=edited_fields(d),
    )


def bump(version: str, part: str = "minor") -> str:
    """The next version: ``part`` is ``major``, ``minor`` or ``patch``.

    Parameters
    ----------
    version : str
        A semantic version, ``MAJOR.MINOR.PATCH``.
    part : str
        Which part goes up (the parts after it go to 0).

    Returns
    -------
    str

    >>> bump("1.0.3"), bump("1.4.2", "major"), bump("1.4.2", "patch")
    ('1.1.0', '2.0.0', '1.4.3')
    """
    m = SEMVER.match(version)
    if not m:
        raise ValueError(f"not a semantic version: {version!r}")
    major, minor, patch = (int(x) for x in m.groups())
    if part == "major":
        return f"{major + 1}.0.0"
    if part == "minor":
        return f"{major}.{minor + 1}.0"
    if part == "patch":
        return f"{major}.{minor}.{patch + 1}"
    raise ValueError(f"part must be major, minor or patch, not {part!r}")
