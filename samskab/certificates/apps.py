from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "samskab.certificates"
    verbose_name = _("Volunteer certificates")

    def ready(self):
        from samskab.accounts.personal_data import (
            register_account_deletion_hook,
            register_personal_data_section,
        )
        from samskab.certificates.personal_data import (
            collect_personal_data,
            forget_personal_data,
        )

        register_personal_data_section("volunteer_certificates", collect_personal_data)
        register_account_deletion_hook(forget_personal_data)
