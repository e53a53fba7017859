"""Output files of the report: a folder swapped in as a whole, tables safe to open in a
spreadsheet, and errors that name the file.

A report is written into a fresh folder beside its target
(``<out>.coopmap-tmp.<pid>.<random>``) and swapped in at the end: with Linux's
``renameat2(RENAME_EXCHANGE)`` the old and the new folder trade places in one atomic
step, so a report killed at any moment leaves either the previous folder or the new
one, never a mix, and files of an earlier run (per-type maps of types that no longer
exist) disappear with the old folder. Elsewhere two renames are used (a crash between
them leaves the new folder at its temporary name). Temporary folders of a killed run
are removed by the next run.
"""

from __future__ import annotations

import csv
import ctypes
import errno
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = ["OutputFolder", "file_stem", "spreadsheet_cell", "write_table", "write_text"]

_TMP = ".coopmap-tmp."

# OWASP "CSV injection": a cell starting with one of these is read as a formula by
# Excel, LibreOffice and Google Sheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def file_stem(text: str, taken: set[str] | None = None) -> str:
    """A file-name stem for an id or a code: the text itself when it is made of ASCII
    letters, digits, ``_``, ``-`` and ``.`` (not leading), at most 80 characters, and not
    in ``taken`` (compared case-insensitively, as some file systems do); else its safe
    characters (others as ``_``, cut to 60) and ``-`` with 8 hex digits of its SHA-1,
    so that two ids never share a file. The stem is added to ``taken``."""
    import hashlib
    import re

    seen = taken if taken is not None else set()
    safe = re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,79}", text) is not None
    stem = text
    if not safe or stem.lower() in seen:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        stem = re.sub(r"[^A-Za-z0-9_-]", "_", text)[:60] + "-" + digest
    seen.add(stem.lower())
    return stem


def spreadsheet_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula (starting with ``=``, ``+``,
    ``-``, ``@``, tab or carriage return) gets a leading apostrophe, which spreadsheets
    show as text (OWASP's rule for CSV injection). Numbers and other values are kept.
    Only for the report's tables, meant to be opened in a spreadsheet:
    :meth:`Network.write_csv` keeps data verbatim."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


_PLAIN = (float, int, bool, type(None))  # cells written as they are (None: empty)


def _cell(v: Any) -> Any:
    if type(v) in _PLAIN:
        return v
    if isinstance(v, (list, tuple)):
        v = "|".join(map(str, v))
    return spreadsheet_cell(v)


def write_table(path: Path, records: Sequence[Mapping[str, Any]]) -> None:
    """Records as a CSV table (columns in order of first appearance), each text cell
    made safe for spreadsheets (:func:`spreadsheet_cell`). O(cells)."""
    keys = list(dict.fromkeys(k for r in records for k in r))
    try:
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(keys)
            w.writerows([_cell(r.get(k)) for k in keys] for r in records)
    except OSError as e:
        raise InputError(f"{path}: cannot write ({e.strerror or e})") from None


def write_text(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise InputError(f"{path}: cannot write ({e.strerror or e})") from None


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swaps two paths (Linux renameat2 RENAME_EXCHANGE); False when the
    system cannot."""
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP):
        return False
    raise InputError(f"{b}: cannot replace the output folder ({os.strerror(err)})")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class OutputFolder:
    """``with OutputFolder(out) as work:`` write every file into ``work``; on success the
    folder replaces ``out`` as a whole, on failure ``work`` is removed and ``out`` is
    untouched. ``out`` must be new, empty or an earlier report (holding
    ``report.html``): any other folder is refused rather than replaced."""

    def __init__(self, out: Path, marker: str = "report.html") -> None:
        self.out = Path(os.path.abspath(out))
        self.marker = marker
        self.work: Path | None = None

    def __enter__(self) -> Path:
        try:
            return self._enter()
        except OSError as e:  # a name too long, a folder we may not read...
            raise InputError(f"out {str(self.out)[:80]!r}: {e.strerror or e}") from None

    def _enter(self) -> Path:
        out = self.out
        if out.exists() and not out.is_dir():
            raise InputError(f"out {str(out)!r}: exists and is not a folder")
        cwd = Path(os.path.abspath(os.getcwd()))
        if out == cwd or out in cwd.parents:
            raise InputError(
                f"out {str(out)!r}: the current folder (or one holding it) cannot be replaced by "
                "a report; give a subfolder such as 'out'"
            )
        if out.is_dir() and any(out.iterdir()) and not (out / self.marker).is_file():
            raise InputError(
                f"out {str(out)!r}: this folder holds files and no {self.marker}; a report replaces "
                "its folder as a whole, so give a new or empty folder"
            )
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise InputError(f"out {str(out)!r}: cannot create the output folder ({e.strerror})") from None
        self._remove_stale()
        try:
            self.work = Path(tempfile.mkdtemp(prefix=f"{out.name}{_TMP}{os.getpid()}.", dir=out.parent))
        except OSError as e:
            raise InputError(f"out {str(out)!r}: cannot create a folder beside it ({e.strerror})") from None
        os.chmod(self.work, 0o777 & ~_umask())  # as a folder made by mkdir, not mkdtemp's 0700
        return self.work

    def __exit__(self, kind: Any, value: Any, tb: Any) -> None:
        work = self.work
        assert work is not None
        if kind is not None:
            shutil.rmtree(work, ignore_errors=True)
            return
        out = self.out
        try:
            if not out.exists():
                os.rename(work, out)
            elif _exchange(work, out):
                shutil.rmtree(work, ignore_errors=True)  # now the old report
            else:
                old = Path(tempfile.mkdtemp(prefix=f"{out.name}{_TMP}{os.getpid()}.", dir=out.parent))
                os.rename(out, old / "old")
                os.rename(work, out)
                shutil.rmtree(old, ignore_errors=True)
        except OSError as e:
            shutil.rmtree(work, ignore_errors=True)
            raise InputError(f"out {str(out)!r}: cannot replace the output folder ({e.strerror})") from None

    def _remove_stale(self) -> None:
        """Temporary folders of runs that were killed (their process is gone)."""
        prefix = f"{self.out.name}{_TMP}"
        try:
            entries = list(self.out.parent.iterdir())
        except OSError:
            return
        for p in entries:
            if not p.name.startswith(prefix):
                continue
            pid = p.name[len(prefix) :].split(".", 1)[0]
            if pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(p, ignore_errors=True)


def _umask() -> int:
    """The process umask, read from /proc (setting it to read it would race with other
    threads creating files); 022 when /proc is not there."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022
