"""Create DATABASE_URL's PostgreSQL database if it is missing (deploy/serve-prod).

Connects to the server's `postgres` database with the same credentials. Does nothing
for SQLite (Django creates the file).
"""

import os
import sys

import dj_database_url
import psycopg2
from psycopg2 import sql


def main() -> int:
    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    if "postgresql" not in config["ENGINE"]:
        return 0
    name = config["NAME"]
    connection = psycopg2.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
    )
    connection.autocommit = True  # CREATE DATABASE cannot run in a transaction
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}")
    connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
