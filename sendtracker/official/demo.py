"""The official statistics shipped in fixtures/official/, loaded with the demo (idempotent)."""

from .loader import load_files


def load() -> None:
    load_files()
