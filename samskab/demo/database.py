"""Database care after a bulk load: the demo and the generator insert thousands of rows
and then read them back at once (catalogue entries, the results' indicators), before
PostgreSQL's autovacuum has looked at them."""

from django.db import connection


def analyze_tables_with_rows() -> None:
    """Fresh planner statistics for every table that holds rows (PostgreSQL; SQLite plans
    without them).

    Empty tables are left out on purpose. ANALYZE of an empty table records zero rows for
    all of its pages, and the planner trusts that over the table's size until the next
    analysis: once rows arrive it estimates one row per table and joins with nested loops
    that run for hours. The test suite's rolled-back transactions leave exactly such
    tables (pages of dead rows, analysed while empty), and a production database can
    have them after a purge.
    """
    if connection.vendor != "postgresql":
        return
    tables = connection.introspection.django_table_names(only_existing=True)
    if not tables:
        return
    quote = connection.ops.quote_name
    # One query finds the tables with rows: each EXISTS stops at the first row. The names
    # are Django's own tables, quoted.
    probe = " UNION ALL ".join(
        f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(table)})"  # noqa: S608
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(probe, tables)
        filled = [table for (table,) in cursor.fetchall()]
        if filled:
            cursor.execute("ANALYZE " + ", ".join(quote(table) for table in filled))
