"""What the vision adds to the platform (see samskab/core/extensions.py)."""

from samskab.core.extensions import Contributions
from samskab.vision import datasets
from samskab.vision.sitemaps import sitemaps

contributions = Contributions(sitemaps=sitemaps, staff_manages=True, datasets=datasets.DATASETS)
