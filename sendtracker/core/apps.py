from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sendtracker.core"
    label = "core"
    verbose_name = "Places and people"

    def ready(self):
        from sendtracker.core import audit, tables

        tables.read_signatures_once()
        from sendtracker.core.models import Council, RoleAssignment, User

        audit.register(
            Council,
            exclude_fields=[
                "version",
                "data_version",
                "plans_version",
                "programmes_version",
                "grants_version",
            ],
        )
        audit.register(RoleAssignment)
        audit.register(User, exclude_fields=["password", "last_login"])
