"""A database expression the ORM lacks: a moment as seconds since 1970 (UTC), rounded to
the second.

The suggestions read the soonest dates of thousands of opportunities; an integer is read
many times faster than a timestamp (which the driver parses from text, one by one), and
converts back with ``datetime.fromtimestamp(value, UTC)`` (shift times are whole minutes).
"""

from django.db.models import BigIntegerField, Func


class EpochSeconds(Func):
    output_field = BigIntegerField()
    arity = 1

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(ROUND(EXTRACT(EPOCH FROM %(expressions)s)) AS bigint)",
            **extra_context,
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        # Django keeps SQLite datetimes as UTC text, which julianday() reads; 2440587.5 is
        # the Julian day of 1970-01-01 00:00 UTC.
        return self.as_sql(
            compiler,
            connection,
            template="CAST(ROUND((julianday(%(expressions)s) - 2440587.5) * 86400) AS INTEGER)",
            **extra_context,
        )
