from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sendtracker.core"
    label = "core"
    verbose_name = "Places and people"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from sendtracker.core import audit, backends, sessions, tables

        user_logged_in.connect(sessions.renewed_at_sign_in, dispatch_uid="session-renewed")
        user_login_failed.connect(backends.count_sign_in_failure, dispatch_uid="sign-in-failed")

        tables.read_signatures_once()
        from sendtracker.core.models import Council, RoleAssignment, User
        from sendtracker.core.models.meetings import AgreedAction, BoardMeeting

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
        audit.register(BoardMeeting)
        audit.register(AgreedAction)
        audit.register(User, exclude_fields=["password", "last_login"])
