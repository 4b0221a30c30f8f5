import gc
import os

from django.core.wsgi import get_wsgi_application

from samskab.core.release import release

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskab.settings.production")

application = get_wsgi_application()

# The release digest keys every kept page and part (samskab/core/release.py): read the tree
# now, as the worker starts, rather than in its first visitor's request.
release()

# What is loaded at start-up lives as long as the worker: keep it out of the garbage
# collector's full passes, which otherwise walk all of Django on a few per cent of requests
# (the slowest ones in bench/matching_bench.py, with and without --gc-freeze).
gc.collect()
gc.freeze()
