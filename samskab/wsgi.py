import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskab.settings.production")

application = get_wsgi_application()

# What is loaded at start-up lives as long as the worker: keep it out of the garbage
# collector's full passes, which otherwise walk all of Django on a few per cent of requests
# (the slowest ones in bench/matching_bench.py, with and without --gc-freeze).
gc.collect()
gc.freeze()
