#!/bin/sh
# Runs once, when the database volume is first created (docker-entrypoint-initdb.d).
# Makes the role that the web, worker and beat processes connect as. It owns no
# table: `manage.py grant_database_role marktplein_app` (run by the migrate
# service after every migration) gives it what it needs, and on the audit log
# only insert, read and forgetting a deleted person.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v app_password="$APP_DATABASE_PASSWORD" <<'SQL'
CREATE ROLE marktplein_app LOGIN PASSWORD :'app_password';
SQL
