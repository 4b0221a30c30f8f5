"""Several many-to-many lists of small tables read with one query instead of one each.

An activity's page shows its focus areas, interests, age groups and languages: four
prefetches, each a query Django builds and compiles anew (about a millisecond of Python
apiece) for a handful of rows. ``attach`` reads them all with one ``UNION ALL`` over the
relations, each part giving the same columns: which list, the owner's id, the related row's
id and ``order`` (0 when it has none), and up to ``TEXT_COLUMNS`` text fields of it. The
statement is SQL written once per process from the models' metadata (quoted names; the
owners' ids are parameters), since building it through the ORM for every page cost as much
as the four queries it replaces::

    related_lists.attach([activity], [
        RelatedList("focus_areas", ("slug", "title", "title_da", "title_en")),
        RelatedList("age_groups", ("name", "name_da", "name_en"), attr="listed_age_groups"),
    ])

The related rows are model instances with only those fields (and ``id``, ``order``) loaded:
name every field the page shows, since any other is read on access with a query per row.
The fields must include those of the related model's ``Meta.ordering``, by which each list
is sorted. Each list goes to ``attr`` as a Python list, or, without ``attr``, into Django's
prefetch cache of the relation, so ``owner.relation.all()`` reads no query.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from django.db import connection

TEXT_COLUMNS = 5
_by_key = itemgetter(0)


@dataclass(frozen=True)
class RelatedList:
    relation: str
    fields: tuple[str, ...]
    attr: str = ""


@lru_cache(maxsize=64)
def _statement(owner_model, lists: tuple[RelatedList, ...], vendor: str) -> tuple[str, ...]:
    """The parts of the query, each with one ``{ids}`` for the owners' placeholders. Written
    once per process: Django would build and compile the same UNION for every page (about
    two milliseconds), and only the number of owners changes."""
    quote = connection.ops.quote_name
    parts = []
    for index, spec in enumerate(lists):
        if len(spec.fields) > TEXT_COLUMNS:
            raise ValueError(f"{spec.relation}: at most {TEXT_COLUMNS} fields.")
        field = owner_model._meta.get_field(spec.relation)
        related = field.related_model
        through = field.remote_field.through._meta
        source = quote(through.get_field(field.m2m_field_name()).column)
        target = quote(through.get_field(field.m2m_reverse_field_name()).column)
        names = {f.name: f.column for f in related._meta.concrete_fields}
        order = f"r.{quote(names['order'])}" if "order" in names else "0"
        texts = [f"r.{quote(names[name])}" for name in spec.fields]
        texts += ["NULL"] * (TEXT_COLUMNS - len(texts))
        # Names from the models' metadata, quoted; the owners' ids are parameters.
        parts.append(
            f"SELECT {index}, t.{source}, t.{target}, {order}, {', '.join(texts)} "  # noqa: S608
            f"FROM {quote(through.db_table)} t INNER JOIN {quote(related._meta.db_table)} r "
            f"ON r.{quote(related._meta.pk.column)} = t.{target} "
            f"WHERE t.{source} IN ({{ids}})"
        )
    return tuple(parts)


def _instance(related, spec: RelatedList, pk, order, texts):
    loaded = {
        related._meta.pk.attname: pk,
        "order": order,
        **dict(zip(spec.fields, texts, strict=False)),
    }
    names = [f.attname for f in related._meta.concrete_fields if f.attname in loaded]
    return related.from_db(None, names, [loaded[name] for name in names]), loaded


def _sort_key(related, loaded: dict):
    key = []
    for name in related._meta.ordering:
        name = name.lstrip("-")
        name = related._meta.pk.attname if name == "pk" else name
        if name not in loaded:
            raise ValueError(f"{related.__name__}: order by {name}, which is not read.")
        value = loaded[name]
        key.append((value is None, value if value is not None else ""))
    return key


def attach(owners: Sequence, lists: Sequence[RelatedList]) -> None:
    """Fill ``lists`` of every owner (instances of one model) with one query, none when
    there are no owners."""
    owners = list(owners)
    if not owners or not lists:
        return
    owner_model = type(owners[0])
    lists = tuple(lists)
    ids = [owner.pk for owner in owners]
    placeholders = ", ".join(["%s"] * len(ids))
    parts = _statement(owner_model, lists, connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(part.format(ids=placeholders) for part in parts), ids * len(parts)
        )
        rows = cursor.fetchall()
    found = defaultdict(list)
    for list_index, owner_id, pk, order, *texts in rows:
        spec = lists[list_index]
        related = owner_model._meta.get_field(spec.relation).related_model
        instance, loaded = _instance(related, spec, pk, order, texts)
        found[list_index, owner_id].append((_sort_key(related, loaded), instance))
    for index, spec in enumerate(lists):
        for owner in owners:
            items = [instance for _key, instance in sorted(found[index, owner.pk], key=_by_key)]
            if spec.attr:
                setattr(owner, spec.attr, items)
            else:
                _prefetched(owner, spec.relation, items)


def _prefetched(owner, relation: str, items: list) -> None:
    """As Django's ``prefetch_related`` leaves a relation: ``.all()`` gives ``items``."""
    queryset = getattr(owner, relation).all()
    queryset._result_cache = items
    queryset._prefetch_done = True
    owner.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = queryset
