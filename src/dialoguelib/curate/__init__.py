"""Changes a person makes to the record: status updates and lineage links, what changed between versions, the illustrative record."""
