"""``core.opendata.with_many``: a many-to-many relation merged into streamed rows."""

from samskab.core.opendata import public_url, url_maker, with_many


def test_each_row_gets_the_values_of_its_key_joined_and_empty_when_none():
    rows = iter([(1, "a"), (2, "b"), (4, "d"), (7, "g")])
    pairs = iter([(1, "x"), (1, "y"), (3, "orphan"), (4, "z"), (9, "late")])

    assert list(with_many(rows, pairs)) == [
        (1, "a", "x|y"),
        (2, "b", ""),
        (4, "d", "z"),
        (7, "g", ""),
    ]


def test_it_reads_both_sides_one_item_at_a_time():
    read = []

    def rows():
        for key in range(1, 4):
            read.append(("row", key))
            yield (key,)

    def pairs():
        for key in range(1, 4):
            read.append(("pair", key))
            yield (key, f"v{key}")

    merged = with_many(rows(), pairs())
    assert next(merged) == (1, "v1")
    assert read == [("pair", 1), ("row", 1), ("pair", 2)]


def test_a_url_maker_gives_the_same_address_as_reversing_each_time(settings):
    settings.SITE_URL = "https://samskab.example/"
    detail = url_maker("activities:detail", pk=int, slug=str)

    assert detail(pk=17, slug="strik-og-snak") == public_url(
        "activities:detail", pk=17, slug="strik-og-snak"
    )
    assert detail(pk=17, slug="strik-og-snak") == (
        "https://samskab.example/aktiviteter/17-strik-og-snak/"
    )
