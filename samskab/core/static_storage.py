"""Static files as production serves them: WhiteNoise's compressed, hashed files, with each
file's address worked out once per process.

A page names 10–40 static files (the stylesheet, the icon sprite in every card, fonts to
preload), and the manifest storage cleans, splits and looks up every name each time: about
30 µs a name, a millisecond on a list page. The manifest is read when the process starts
and does not change while it runs (``collectstatic`` writes a new one and the deploy
restarts the workers), so an address, once found, stays true."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force=True)
        try:
            return self._urls[name]
        except KeyError:
            url = super().url(name)
            # Only addresses from a loaded manifest are kept: without one (while
            # collectstatic writes it, or with DEBUG on) the address can still change.
            if self.hashed_files and not self._debug():
                self._urls[name] = url
            return url

    def post_process(self, *args, **kwargs):
        # collectstatic in a process that then serves pages (bench/page_cost.py): the
        # addresses found before it are the old manifest's.
        yield from super().post_process(*args, **kwargs)
        self._urls.clear()

    @staticmethod
    def _debug() -> bool:
        from django.conf import settings

        return settings.DEBUG
