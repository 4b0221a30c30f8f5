"""What MitID adds to the platform (see samskab/core/extensions.py)."""

from samskab.core.extensions import Contributions, PersonalData
from samskab.mitid import personal_data

contributions = Contributions(
    personal_data=PersonalData("mitid", collect=personal_data.collect, models=("mitid.MitIDLink",)),
)
