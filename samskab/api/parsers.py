"""The API's request body parser.

A JSON string may carry ``\\u0000``, which no text column can store (PostgreSQL refuses it
with an error, SQLite would keep a value no page can show). The site's forms are guarded by
``core.middleware.RequestInputMiddleware``; a JSON body is only read here, so the same rule
is applied here: such a body is refused whole (400), the problem naming the field as for any
other bad input, rather than a value being changed or left out.
"""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser

from samskab.core.middleware import is_storable


def first_unstorable_path(data, path: str = "") -> str | None:
    """The path ("title.da", "focus_areas.1") of the first key or string in ``data`` that
    cannot be stored, or None. The whole body is "" (a bare string)."""
    if isinstance(data, str):
        return None if is_storable(data) else path
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = ((str(index), value) for index, value in enumerate(data))
    else:
        return None
    for key, value in items:
        child = f"{path}.{key}" if path else key
        if not is_storable(key):
            return child
        found = first_unstorable_path(value, child)
        if found is not None:
            return found
    return None


class StorableJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        path = first_unstorable_path(data)
        if path is not None:
            # A validation error, so that the problem names the field as other bad input does.
            raise ValidationError(
                {path: [_("This text contains a character that cannot be stored (NUL).")]}
            )
        return data
