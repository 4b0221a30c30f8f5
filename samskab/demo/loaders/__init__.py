"""The demo loaders, in the order ``load_demo`` runs them.

A loader is a function without arguments that creates or updates its app's demo rows
through the app's services and models, reading its texts from ``content/<name>.toml``. It
must be idempotent (rows are found by stable keys, so a second run changes nothing) and may
return a one-line summary for ``load_demo`` to print. Each declares the loaders whose rows
it needs (``requires``); they must come earlier in ``LOADERS``.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class DemoLoader:
    name: str
    # Dotted path of the function; imported only when the demo is loaded.
    function: str
    requires: tuple[str, ...] = ()

    def load(self) -> str | None:
        return import_string(self.function)()


LOADERS = [
    DemoLoader("vision", "samskab.demo.loaders.vision.load_vision_demo"),
    DemoLoader(
        "organisations",
        "samskab.demo.loaders.organisations.load_organisations_demo",
        requires=("vision",),
    ),
    DemoLoader(
        "catalogue",
        "samskab.demo.loaders.catalogue.load_activities_demo",
        requires=("vision", "organisations"),
    ),
    DemoLoader(
        "volunteering",
        "samskab.demo.loaders.volunteering.load_volunteering_demo",
        requires=("vision", "organisations", "catalogue"),
    ),
    DemoLoader(
        "needs",
        "samskab.demo.loaders.needs.load_needs_demo",
        requires=("vision", "organisations", "catalogue", "volunteering"),
    ),
    DemoLoader(
        "certificates",
        "samskab.demo.loaders.certificates.load_certificates_demo",
        requires=("volunteering",),
    ),
    DemoLoader(
        "childsafety",
        "samskab.demo.loaders.childsafety.load_childsafety_demo",
        requires=("volunteering",),
    ),
    DemoLoader(
        "visiting",
        "samskab.demo.loaders.visiting.load_visiting_demo",
        requires=("organisations", "catalogue", "volunteering"),
    ),
]


def check_order(loaders: list[DemoLoader]) -> None:
    """Raise ImproperlyConfigured when a loader comes before one it requires, or requires
    one that is not in the list."""
    seen: set[str] = set()
    names = {loader.name for loader in loaders}
    for loader in loaders:
        for required in loader.requires:
            if required not in names:
                raise ImproperlyConfigured(
                    f"Demo loader {loader.name!r} requires {required!r}, which is not listed."
                )
            if required not in seen:
                raise ImproperlyConfigured(
                    f"Demo loader {loader.name!r} requires {required!r}; list it earlier."
                )
        seen.add(loader.name)


def run_loaders(loaders: list[DemoLoader] | None = None) -> Iterator[str | None]:
    """Run the loaders in order, yielding each one's summary."""
    loaders = LOADERS if loaders is None else loaders
    check_order(loaders)
    for loader in loaders:
        yield loader.load()
