"""The demo loaders: one module per app with demo content, named by the app's label.

A loader is a function without arguments that creates or updates its app's demo rows
through the app's services and models, reading its texts from ``content/<name>.toml``. It
must be idempotent (rows are found by stable keys, so a second run changes nothing) and may
return a one-line summary for ``load_demo`` to print. Each declares the loaders whose rows
it needs (``requires``); they must come earlier in ``INSTALLED_APPS``.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import import_module

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

# The demo signs people up only for sessions and shifts starting at least this long after
# the load began: loading takes seconds to minutes, and the booking engine refuses a session
# that has begun by the time its sign-up is made.
SIGN_UP_MARGIN = timedelta(hours=1)


def bookable_after(now: datetime) -> datetime:
    """The earliest start the demo may sign people up for when its load began at ``now``."""
    return now + SIGN_UP_MARGIN


@dataclass(frozen=True)
class DemoLoader:
    name: str
    # Dotted path of the function; imported only when the demo is loaded.
    function: str
    requires: tuple[str, ...] = ()

    def load(self) -> str | None:
        return import_string(self.function)()


def installed_loaders() -> list[DemoLoader]:
    """The loaders of the installed apps: ``loaders/<app label>.py`` defines ``LOADER``.
    Ordered by ``INSTALLED_APPS``, which puts every app after the apps it builds on."""
    loaders = []
    for config in apps.get_app_configs():
        if not config.name.startswith("samskab."):
            continue
        try:
            module = import_module(f"{__name__}.{config.label}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{config.label}":
                raise
            continue
        loaders.append(module.LOADER)
    return loaders


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
    loaders = installed_loaders() if loaders is None else loaders
    check_order(loaders)
    for loader in loaders:
        yield loader.load()
