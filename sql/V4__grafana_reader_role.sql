-- Read-only role for Grafana. Created NOLOGIN: `migrate` gives it LOGIN with a password from the
-- environment (GRAFANA_DB_PASSWORD), or grant it to a login role of your own. No password is ever
-- committed. Creating it needs CREATEROLE; if a DBA created the role already, this is skipped.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'grafana_reader') THEN
        CREATE ROLE grafana_reader NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO grafana_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA ${flyway:defaultSchema} TO grafana_reader;
REVOKE SELECT ON ${flyway:defaultSchema}.flyway_schema_history FROM grafana_reader;

-- Tables and views of later migrations (run by the same user) are readable too.
ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema} GRANT SELECT ON TABLES TO grafana_reader;
