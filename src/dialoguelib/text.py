"""The raw texts: where the body starts after a metadata header, and where each paragraph starts.

Offsets are always into the raw text as stored (``data/raw/``), never into a cleaned copy.
"""

from __future__ import annotations

import numpy as np

__all__ = ["body_start", "paragraph_starts"]


def body_start(text: str) -> int:
    """The offset where a text's body starts: after a YAML front matter block (``---`` ... ``---``), else 0.

    >>> body_start("---\\ntitle: x\\n---\\nBody"), body_start("Body")
    (17, 0)
    """
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return end + 5
    return 0


def paragraph_starts(text: str) -> np.ndarray:
    """Offsets where each paragraph of a text starts, after any front matter.

    A paragraph starts after a blank line, or at a line that opens with a bullet
    (``•``, ``-``, ``*``), so each list item is a paragraph of its own.

    >>> paragraph_starts("---\\ntitle: x\\n---\\nOne\\nline.\\n\\nTwo.\\n  • Three\\n").tolist()
    [17, 28, 35]
    """
    body = body_start(text)
    starts = []
    pending = True  # the next non-blank line opens a paragraph
    pos = body
    for line in text[body:].splitlines(keepends=True):
        stripped = line.strip()
        if not stripped:
            pending = True
        else:
            if pending or stripped[0] in "•-*":
                starts.append(pos + len(line) - len(line.lstrip()))
            pending = False
        pos += len(line)
    return np.asarray(starts, dtype=np.int64)
