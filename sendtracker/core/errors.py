class DomainError(Exception):
    """A rule of the domain refused a write.

    Carries the message a user should read and, where the rule is about one input,
    the form field it belongs to. Views turn it into a GOV.UK form error.
    """

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class StaleEditError(DomainError):
    """Someone else saved the record after this form was opened."""

    def __init__(self, message: str, *, changes: list[tuple[str, str, str]] | None = None):
        super().__init__(message)
        self.changes = changes or []
