"""samskab.core.jsonld: data that cannot end its script element, and reads back as given."""

import json
import re
from datetime import date
from decimal import Decimal

from samskab.core.jsonld import ld_json_script


def test_the_data_cannot_end_the_element_and_reads_back_unchanged():
    data = {
        "description": "Kaffe & kage </script><script>alert(1)</script> <!-- æøå",
        "startDate": date(2026, 12, 24),
        "price": Decimal("25.00"),
    }

    html = ld_json_script(data)

    match = re.fullmatch(r'<script type="application/ld\+json">(.*)</script>', html, re.S)
    assert match is not None
    body = match.group(1)
    assert not set("<>&") & set(body)
    assert "æøå" in body  # not escaped to ASCII
    assert json.loads(body) == {**data, "startDate": "2026-12-24", "price": "25.00"}
