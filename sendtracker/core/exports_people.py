"""People and their roles as CSV and XLSX, for site administrators (core.exports)."""

from sendtracker.core.exports import DATE, LINES, Column, Export

PEOPLE_COLUMNS = [
    Column("Email address", lambda u: u.email),
    Column("Name", lambda u: u.name),
    Column("Job title", lambda u: u.job_title),
    # role_assignments are prefetched with their council and region.
    Column("Roles", lambda u: "\n".join(str(a) for a in u.role_assignments.all()), LINES),
    Column("Can sign in", lambda u: "Yes" if u.is_active else "No"),
    Column("Last signed in", lambda u: u.last_login, DATE),
    Column("Added", lambda u: u.date_joined, DATE),
]


def people(users) -> Export:
    return Export(name="people", sheet="People", columns=PEOPLE_COLUMNS, rows=users)
