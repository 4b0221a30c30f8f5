from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samskab.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.db.models.signals import post_migrate

        from samskab.accounts.roles import ensure_role_groups

        # Not limited to this app's signal: the group must be refreshed after the last
        # app's permissions exist, and post_migrate is sent once per app, in app order.
        post_migrate.connect(ensure_role_groups, dispatch_uid="samskab_ensure_role_groups")
