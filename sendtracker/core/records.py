"""Writing a versioned record: every app's services save an edit the same way."""


def save_new_version(record, values: dict) -> None:
    """Write `values` to `record` (locked by the caller) and save it as its next version.

    Edit forms carry the version they were opened at; raising it here is what lets the
    next stale save be refused.
    """
    for field, value in values.items():
        setattr(record, field, value)
    record.version += 1
    record.save()
