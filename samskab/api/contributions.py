"""What the API adds to the platform (see samskab/core/extensions.py)."""

from django.utils.translation import gettext_lazy as _

from samskab.api.personal_data import collect_personal_data
from samskab.core.extensions import Contributions, ManageTab, PersonalData

contributions = Contributions(
    manage_tabs=(ManageTab(_("API clients"), "api_clients:list", order=90, requires="manage"),),
    personal_data=PersonalData(
        "api_clients", collect=collect_personal_data, models=("api.ApiClient",)
    ),
)
