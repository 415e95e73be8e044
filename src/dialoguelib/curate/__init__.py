"""Changes a person makes to the record: status updates and lineage links (recording, ``dialoguelib record``),
what changed between two versions (diff), and the team's illustrative record (illustrative).

>>> from dialoguelib.curate import add_links, diff, illustrative_record, record_statuses
"""

from .diff import diff, diff_text, load_version
from .illustrative import ILLUSTRATIVE, illustrative_record
from .recording import add_links, read_rows, record_statuses

__all__ = [
    "record_statuses",
    "add_links",
    "read_rows",
    "diff",
    "diff_text",
    "load_version",
    "illustrative_record",
    "ILLUSTRATIVE",
]
