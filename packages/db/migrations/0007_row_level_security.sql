-- Row-level security: the backstop under the scoped data access (apps/server/src/data).
-- The application runs every statement of an organisation inside a transaction that sets
--   role = banso_app, banso.tenant_id = <the organisation>
-- (packages/db/src/tenant-scope.ts). banso_app is neither a superuser nor a table owner, so the
-- policies below apply to it: a query that forgets its organisation filter still sees, and can
-- write, only that organisation's rows. The owning role (the one that runs the migrations) keeps
-- its own policy for the explicit maintenance paths (backup, restore, sign-in by organisation
-- code, session purge); FORCE makes the owner subject to policies too, so nothing bypasses
-- them by accident of ownership.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'banso_app') THEN
    CREATE ROLE banso_app NOLOGIN;
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE EXCEPTION 'Banso needs a role banso_app: ask an administrator to run CREATE ROLE banso_app NOLOGIN; GRANT banso_app TO %;', current_user;
END $$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'banso_app', 'MEMBER') THEN
    EXECUTE format('GRANT banso_app TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO banso_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO banso_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO banso_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO banso_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO banso_app;
--> statement-breakpoint
-- The organisation of the current transaction; NULL outside a scoped transaction (a custom
-- setting reads '' once it has been set and reset in the session).
CREATE FUNCTION banso_current_tenant() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT NULLIF(current_setting('banso.tenant_id', true), '')::uuid
$$;
--> statement-breakpoint
-- Enables and forces RLS on one organisation-owned table with the two policies. Used by this
-- migration and by every later one that adds a table (a test checks that every table with a
-- tenant_id column has them).
CREATE FUNCTION banso_enable_tenant_rls(tbl regclass, tenant_column text DEFAULT 'tenant_id')
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s AS PERMISSIVE FOR ALL TO banso_app USING (%I = banso_current_tenant()) WITH CHECK (%I = banso_current_tenant())',
    tbl, tenant_column, tenant_column);
  EXECUTE format(
    'CREATE POLICY maintenance ON %s AS PERMISSIVE FOR ALL TO %I USING (true) WITH CHECK (true)',
    tbl, current_user);
END $$;
--> statement-breakpoint
SELECT banso_enable_tenant_rls('tenants', 'id');
--> statement-breakpoint
SELECT banso_enable_tenant_rls(t::regclass)
FROM unnest(ARRAY[
  'users', 'sessions', 'api_tokens', 'audit_log',
  'companies', 'company_assignments', 'imports',
  'issue_categories', 'visit_targets', 'supporters', 'visits', 'visit_members', 'visit_issues',
  'follow_ups', 'company_flags', 'calendar_feeds',
  'kpi_visit_counts', 'kpi_company_years',
  'listings', 'match_decisions', 'matches',
  'programs', 'kpis'
]) AS t;
