from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samskab.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.db.models.signals import post_migrate

        from samskab.accounts.roles import ensure_role_groups

        post_migrate.connect(ensure_role_groups, sender=self)
