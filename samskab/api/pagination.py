"""Cursor pagination: a list is read page after page by following ``next``, and a row
added or removed meanwhile never makes a client skip or repeat one (offsets would)."""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination

from samskab.core.text import is_whole_number


class Cursor(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "pk"
    page_size_query_description = "Rows per page, 1 to 200 (default 50)."

    def get_page_size(self, request):
        # DRF would quietly use the default for a value it cannot read; a client is told.
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not is_whole_number(raw) or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [f"A whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                }
        return parameters
