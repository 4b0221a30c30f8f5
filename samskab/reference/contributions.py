"""What the reference lists add to the platform (see samskab/core/extensions.py)."""

from samskab.core.extensions import Contributions

# Municipal staff extend the towns, interests, age groups, languages and skills.
contributions = Contributions(staff_manages=True)
