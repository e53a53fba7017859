"""The exceptions raised by coopmap.

Every exception derives from :class:`Error`; bad arguments and bad data are also
``ValueError`` (:class:`InputError`, :class:`CsvError`), unknown structure ids are also
``KeyError`` (:class:`NotFoundError`), database problems are :class:`StorageError`.
"""

from __future__ import annotations

__all__ = ["Error", "InputError", "CsvError", "NotFoundError", "StorageError"]


class Error(Exception):
    """Base class of every coopmap exception."""


class InputError(Error, ValueError):
    """A bad argument or bad data (a ``ValueError``)."""


class CsvError(InputError):
    """A bad input file (a ``ValueError``).

    The message reads ``FILE, line L, column C (NAME): what is wrong``. The attributes
    ``file``, ``line`` (1-based, the header is line 1; 0 when the file could not be
    opened), ``column`` (1-based; 0 when the whole record is at fault) and
    ``column_name`` give the same location.
    """

    def __init__(self, message: str, file: str = "", line: int = 0, column: int = 0, column_name: str = "") -> None:
        super().__init__(message)
        self.file = file
        self.line = line
        self.column = column
        self.column_name = column_name


class NotFoundError(Error, KeyError):
    """An unknown structure id or alias (a ``KeyError``); ``key`` is what was looked up."""

    def __init__(self, message: str, key: str = "") -> None:
        super().__init__(message)
        self.key = key

    def __str__(self) -> str:  # KeyError would show the repr of the message
        return str(self.args[0]) if self.args else ""


class StorageError(Error):
    """A problem with an inventory database: not a coopmap file, newer schema, I/O failure."""
