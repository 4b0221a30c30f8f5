"""CSV files for coordinators: rosters and the yearly summary.

The files are made for Excel as Danish coordinators have it: UTF-8 with a byte order mark
(so "æøå" open correctly), semicolons between fields (Danish Excel's list separator, since
the comma is the decimal separator), decimal commas in numbers, and CRLF line ends. Any
cell that starts with =, +, - or @ gets a leading apostrophe, so a name typed as a formula
is shown as text instead of being run by the spreadsheet."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.volunteering.formatting import csv_decimal

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_response(filename: str, header: list[str], rows: list[list]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    response = HttpResponse(
        (BOM + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _attest_text(attest) -> str:
    """The børneattest status as the roster's badge says it; empty when none is needed."""
    if attest is None:
        return ""
    if attest.is_approved and attest.approved_on:
        return _("Børneattest approved %(date)s") % {"date": attest.approved_on.isoformat()}
    return str(attest.label)


def roster_rows(rosters) -> tuple[list[str], list[list]]:
    """One row per person on each shift: confirmed (with attendance), open offers and the
    waiting list in order. Rosters come from ``selectors.shift_roster`` or
    ``selectors.opportunity_rosters`` (which set each booking's børneattest status)."""
    header = [
        _("Shift starts"),
        _("Shift ends"),
        _("Status"),
        _("Number on the waiting list"),
        _("Name"),
        _("Email address"),
        _("Phone"),
        _("Languages"),
        _("Attendance"),
        _("Børneattest"),
    ]
    rows = []
    for item in rosters:
        shift = item.shift
        for booking in item.listed:
            shared = item.details_for(booking)
            rows.append(
                [
                    _moment(shift.starts_at),
                    _moment(shift.ends_at),
                    booking.get_status_display(),
                    getattr(booking, "position", "") or "",
                    booking.display_name,
                    booking.email,
                    shared.phone,
                    ", ".join(shared.languages),
                    booking.get_attendance_display()
                    if booking.status == booking.Status.CONFIRMED
                    else "",
                    _attest_text(booking.attest),
                ]
            )
    return header, rows


def summary_rows(summary) -> tuple[list[str], list[list]]:
    header = [
        _("Opportunity"),
        _("Volunteers"),
        _("Hours"),
        _("Shifts"),
        _("Shifts fully staffed"),
        _("Places"),
        _("Places taken"),
        _("Attended"),
        _("Did not come"),
        _("No-show rate (%)"),
    ]

    def row(title, figures):
        rate = figures.no_show_rate
        return [
            title,
            figures.volunteers,
            csv_decimal(figures.hours),
            figures.shifts,
            figures.shifts_filled,
            figures.places,
            figures.places_taken,
            figures.attended,
            figures.no_shows,
            csv_decimal(rate) if rate is not None else "",
        ]

    rows = [row(figures.title or _("Other hours"), figures) for figures in summary.rows]
    rows.append(row(_("Total"), summary.total))
    return header, rows
