from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_superuser"] = True
        extra_fields["is_staff"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their email address.

    What they may see and do comes from their RoleAssignments, not from Django's
    is_staff or permission tables.
    """

    email = models.EmailField("email address", unique=True)
    name = models.CharField(max_length=150, blank=True)
    job_title = models.CharField(max_length=150, blank=True, help_text="For example, Head of SEND.")
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="Only for Django's own tools.")
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name or self.email


class Role(models.TextChoices):
    COUNCIL_OFFICER = "council_officer", "Council officer"
    BOARD_MEMBER = "board_member", "Improvement board member"
    HEALTH_PARTNER = "health_partner", "Health partner"
    ADVISER = "adviser", "Adviser"
    GRANT_ADMINISTRATOR = "grant_administrator", "Grant administrator"
    SITE_ADMINISTRATOR = "site_administrator", "Site administrator"


COUNCIL_ROLES = {Role.COUNCIL_OFFICER, Role.BOARD_MEMBER, Role.HEALTH_PARTNER}
NATIONAL_ROLES = {Role.GRANT_ADMINISTRATOR, Role.SITE_ADMINISTRATOR}


class RoleAssignment(models.Model):
    """A role granted to a user on a scope.

    Council officers, board members and health partners (a designated clinical officer,
    an integrated care board or NHS trust officer) hold their role on one council's area. An adviser
    holds it on a region, on a council, or nationally (neither). Grant and site
    administrators are national.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=30, choices=Role.choices)
    council = models.ForeignKey(
        "core.Council", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    region = models.ForeignKey(
        "core.Region", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["user", "role"]
        constraints = [
            models.CheckConstraint(
                name="role_assignment_scope_fits_role",
                condition=(
                    models.Q(
                        role__in=[Role.COUNCIL_OFFICER, Role.BOARD_MEMBER, Role.HEALTH_PARTNER],
                        council__isnull=False,
                        region__isnull=True,
                    )
                    | models.Q(role=Role.ADVISER, council__isnull=True)
                    | models.Q(role=Role.ADVISER, region__isnull=True)
                    | models.Q(
                        role__in=[Role.GRANT_ADMINISTRATOR, Role.SITE_ADMINISTRATOR],
                        council__isnull=True,
                        region__isnull=True,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "council"],
                condition=models.Q(council__isnull=False),
                name="role_assignment_unique_council",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=models.Q(region__isnull=False),
                name="role_assignment_unique_region",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(council__isnull=True, region__isnull=True),
                name="role_assignment_unique_national",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} – {self.scope_label}"

    @property
    def scope_label(self) -> str:
        if self.council_id:
            return str(self.council)
        if self.region_id:
            return str(self.region)
        return "England"
