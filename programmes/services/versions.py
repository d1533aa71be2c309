"""The optimistic lock every edit form carries: a record's `version`, checked under a row lock."""

from sendtracker.core.errors import StaleEditError


def _shown(value) -> str:
    if value in (None, ""):
        return "(blank)"
    if hasattr(value, "all"):  # a related manager: the saved set, by name
        return ", ".join(str(item) for item in value.all()) or "(none)"
    return str(value)


def check_version(current, expected_version: int, *, what: str, values: dict) -> None:
    """Refuse the edit if `current` (locked) moved on since the form was opened.

    The error lists each field whose saved value differs from what the form sent, so
    the user sees what a colleague changed before deciding to save again.
    """
    if current.version == expected_version:
        return
    changes = []
    for name, value in values.items():
        saved = getattr(current, name)
        if hasattr(saved, "all"):
            differs = {item.pk for item in saved.all()} != {item.pk for item in value}
        else:
            differs = saved != value
        if differs:
            field = type(current)._meta.get_field(name)
            label = str(getattr(field, "verbose_name", name)).capitalize()
            changes.append((label, _shown(saved)))
    raise StaleEditError(
        f"Someone else saved this {what} after you opened the form. Your changes have not "
        "been saved. Check what is saved now, then make your changes again.",
        changes=changes,
    )
