"""The files a dataset is downloaded as, written while its rows are read: a few rows in
memory at a time, whatever the size of the dataset.

- ``csv``: RFC 4180 (UTF-8 without BOM, comma, CRLF, a header row), dates and times in ISO
  8601 (times in Danish local time with their offset: ``2025-03-04T10:00:00+01:00``),
  decimal point, ``true``/``false``, empty for no value. For programs.
- ``excel``: what Excel opens with a double click on a Danish computer: UTF-8 *with* a BOM
  (without it Excel reads the bytes as Windows-1252 and "æøå" become "Ã¦Ã¸Ã¥"), semicolon
  (the Danish list separator), decimal comma, local times as ``2025-03-04 10:00:00``. A
  text that Excel would take for a formula (it starts with = + - @ or a tab) gets a
  leading apostrophe, so a downloaded cell can never run anything.
- ``json``: one JSON object: the dataset's slug, title, licence, modified, the column
  names, and ``rows``, an array of objects keyed by column name (JSON numbers, ISO 8601
  strings, ``null``).
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

CHUNK_CHARACTERS = 64 * 1024
BYTE_ORDER_MARK = "\ufeff"
# Excel evaluates a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Format:
    key: str
    extension: str
    content_type: str
    label: str


FORMATS = {
    "csv": Format("csv", "csv", "text/csv; charset=utf-8; header=present", "CSV"),
    "excel": Format("excel", "excel.csv", "text/csv; charset=utf-8; header=present", "Excel"),
    "json": Format("json", "json", "application/json", "JSON"),
}


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return _local(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def excel_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal | float):
        return str(value).replace(".", ",")
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def json_value(value):
    if isinstance(value, datetime):
        return _local(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def csv_chunks(header: tuple[str, ...], rows: Iterable[tuple], *, excel: bool = False):
    """The CSV file in chunks of about ``CHUNK_CHARACTERS``, encoded as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if excel else ",", lineterminator="\r\n")
    convert = excel_value if excel else csv_value
    if excel:
        buffer.write(BYTE_ORDER_MARK)
    writer.writerow(header)
    for row in rows:
        writer.writerow([convert(value) for value in row])
        if buffer.tell() >= CHUNK_CHARACTERS:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def json_chunks(head: dict, header: tuple[str, ...], rows: Iterable[tuple]) -> Iterator[bytes]:
    """``head`` with a ``rows`` array written one row at a time."""
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    parts = [opening, ', "rows": [']
    size = 0
    separator = "\n"
    for row in rows:
        line = json.dumps(
            dict(zip(header, (json_value(value) for value in row), strict=True)),
            ensure_ascii=False,
        )
        parts.append(separator + line)
        separator = ",\n"
        size += len(line)
        if size >= CHUNK_CHARACTERS:
            yield "".join(parts).encode()
            parts.clear()
            size = 0
    parts.append("\n]}\n")
    yield "".join(parts).encode()
