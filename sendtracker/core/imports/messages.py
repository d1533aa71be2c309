"""What an import's error summary says besides the count of problems."""

SHOWN = 20


def row_errors_summary(result, *, first: int = SHOWN) -> list[str]:
    """Each problem by its row (each message names its column), the first `first` of
    them, then how many more the page's table lists."""
    found = [
        f"Row {row.number}: {message}" for row in result.rows for message in row.errors.values()
    ]
    # A streamed result keeps only its first rows with errors, but counts them all.
    more = result.error_count - len(result.file_errors) - first
    return found[:first] + ([f"and {more} more problems, listed below"] if more > 0 else [])
