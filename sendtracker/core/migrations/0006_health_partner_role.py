from django.db import migrations, models


class Migration(migrations.Migration):
    """Health partners (a designated clinical officer, an ICB or NHS trust officer) hold
    their role on one council's area, as officers and board members do."""

    dependencies = [
        ("core", "0005_council_versions"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="roleassignment",
            name="role_assignment_scope_fits_role",
        ),
        migrations.AlterField(
            model_name="roleassignment",
            name="role",
            field=models.CharField(
                choices=[
                    ("council_officer", "Council officer"),
                    ("board_member", "Improvement board member"),
                    ("health_partner", "Health partner"),
                    ("adviser", "Adviser"),
                    ("grant_administrator", "Grant administrator"),
                    ("site_administrator", "Site administrator"),
                ],
                max_length=30,
            ),
        ),
        migrations.AddConstraint(
            model_name="roleassignment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("council__isnull", False),
                        ("region__isnull", True),
                        ("role__in", ["council_officer", "board_member", "health_partner"]),
                    ),
                    models.Q(("council__isnull", True), ("role", "adviser")),
                    models.Q(("region__isnull", True), ("role", "adviser")),
                    models.Q(
                        ("council__isnull", True),
                        ("region__isnull", True),
                        ("role__in", ["grant_administrator", "site_administrator"]),
                    ),
                    _connector="OR",
                ),
                name="role_assignment_scope_fits_role",
            ),
        ),
    ]
