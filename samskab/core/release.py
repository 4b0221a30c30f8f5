"""Which release of Samskab this process runs: a digest of everything that decides what a
page looks like (the code, templates, compiled translations and static sources under
``samskab/``, and the pinned dependencies in ``requirements/``), the same on every app
server that runs the same release, different after any change to them.

Kept pages and their parts are keyed with it (``core.page_cache``), so a deploy never shows
HTML an earlier release made, however long such parts are kept. It is computed once per
process, when first asked for (about 70 ms for the 5 MB read)."""

import functools
import hashlib
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
# Python counts through its source, translations through their compiled catalogues (.mo);
# tests decide nothing a visitor sees.
_SKIPPED_DIRECTORIES = {"tests", "__pycache__"}
_SKIPPED_SUFFIXES = {".pyc", ".po"}


def digest_of(project_dir: Path, directories=("samskab", "requirements")) -> str:
    """The digest (16 hexadecimal digits) of the files under ``directories`` of
    ``project_dir``, except tests and compiled Python."""
    digest = hashlib.sha256()
    for directory in directories:
        for path in sorted((project_dir / directory).rglob("*")):
            relative = path.relative_to(project_dir)
            if (
                not path.is_file()
                or _SKIPPED_DIRECTORIES.intersection(relative.parts)
                or path.suffix in _SKIPPED_SUFFIXES
            ):
                continue
            try:
                content = path.read_bytes()
            except FileNotFoundError:  # removed while listing (an editor's temporary file)
                continue
            # The name and length first, so that no two different trees give the same bytes.
            name = relative.as_posix().encode()
            digest.update(b"%d:%s:%d:" % (len(name), name, len(content)))
            digest.update(content)
    return digest.hexdigest()[:16]


@functools.cache
def release() -> str:
    """This process's release."""
    return digest_of(PROJECT_DIR)
