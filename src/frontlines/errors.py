"""One exception hierarchy for the library; the CLI and API translate these at the boundary."""

from __future__ import annotations

__all__ = [
    "ExtractionError",
    "FrontlinesError",
    "GazetteerError",
    "GoldFileError",
    "InputError",
    "KnowledgeBaseError",
    "StoreError",
]


class FrontlinesError(Exception):
    """Base class: every error frontlines raises on purpose."""


class InputError(FrontlinesError):
    """A file or article that cannot be ingested. `path` names it, `reason` says why."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class StoreError(FrontlinesError):
    """The database cannot be opened, migrated or written."""


class GazetteerError(FrontlinesError):
    """A gazetteer file cannot be read or loaded."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        super().__init__(message)


class KnowledgeBaseError(FrontlinesError):
    """The actor knowledge base or the ontology is malformed."""

    def __init__(self, message: str, path: str | None = None) -> None:
        self.path = path
        super().__init__(message)


class ExtractionError(FrontlinesError):
    """The NLP or event stage failed on a document."""


class GoldFileError(FrontlinesError):
    """A gold file for `frontlines eval` cannot be read."""

    def __init__(self, message: str, path: str | None = None) -> None:
        self.path = path
        super().__init__(message)
