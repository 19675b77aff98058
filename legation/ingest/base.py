"""What every reader shares: reading bytes safely, and accounting for rejected rows.

A reader turns a file into records and, for each bad row, a `Reject` naming its line (or feature index), column and
reason. Callers decide the policy: all-or-nothing (the default), or `--skip-bad` (good rows written, rejects to a
file).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from legation.domain.errors import InputError, RowError

T = TypeVar("T")
MAX_BYTES = 50 * 1024 * 1024  # a single article or sites file larger than this is refused


@dataclass
class Reject:
    source: str
    line: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        return str(RowError(self.reason, source=self.source, line=self.line, column=self.column))


@dataclass
class ReadResult(Generic[T]):
    records: list[T]
    rejects: list[Reject]
    read: int


def file_size(path: Path) -> int:
    """The size of a file that is there to read; one `InputError` naming it when it is missing or a folder."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file")
    return path.stat().st_size


def read_text(path: str | Path, *, max_bytes: int = MAX_BYTES) -> str:
    """A file's text as UTF-8 (a BOM is dropped), or one `InputError` naming the file and what is wrong."""
    path = Path(path)
    size = file_size(path)
    if size > max_bytes:
        raise InputError(f"{path}: too large ({size:,} bytes; the limit is {max_bytes:,})")
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start})") from None
    return text


def write_rejects(path: str | Path, rejects: Iterable[Reject]) -> int:
    """Write rejects as CSV (source, line, column, reason); returns how many."""
    rows = list(rejects)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["source", "line", "column", "reason"])
    for r in rows:
        writer.writerow([r.source, r.line if r.line is not None else "", r.column or "", r.reason])
    Path(path).write_text(buffer.getvalue(), encoding="utf-8")
    return len(rows)
