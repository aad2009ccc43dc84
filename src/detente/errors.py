"""One exception hierarchy. Every message names the input and says how to fix it."""

from __future__ import annotations


class DetenteError(Exception):
    """Base class of every error detente raises on purpose."""


class InputError(DetenteError):
    """An input (file, line, argument) cannot be read; the message names it and the fix."""

    def __init__(self, source: str, problem: str, fix: str) -> None:
        self.source = source
        self.problem = problem
        self.fix = fix
        super().__init__(f"{source}: {problem}. {fix}")


class SettingsError(DetenteError):
    """A setting has a value detente cannot use."""


class ModelError(DetenteError):
    """The spaCy pipeline cannot be loaded."""


class DataFileError(DetenteError):
    """A data file (knowledge base, dictionary, lexicon) is malformed."""

    def __init__(self, path: str, line: int | None, problem: str, fix: str) -> None:
        where = f"{path}:{line}" if line is not None else path
        self.path = path
        self.line = line
        super().__init__(f"{where}: {problem}. {fix}")


class StoreError(DetenteError):
    """The DuckDB store cannot be opened or written."""


class MissingExtraError(DetenteError):
    """An optional feature whose packages are not installed (``pip install 'detente[extra]'``)."""

    def __init__(self, feature: str, extra: str) -> None:
        self.extra = extra
        super().__init__(f"{feature} needs the optional packages of detente[{extra}]; "
                         f"install them with: pip install 'detente[{extra}]'")
