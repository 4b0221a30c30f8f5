"""What certificates add to the platform (see samskab/core/extensions.py)."""

from samskab.certificates.personal_data import collect_personal_data, forget_personal_data
from samskab.core.extensions import Contributions, PersonalData

contributions = Contributions(
    personal_data=PersonalData(
        "volunteer_certificates",
        collect=collect_personal_data,
        forget=forget_personal_data,
        models=("certificates.Certificate",),
    ),
    staff_manages=True,
)
