-- The matching index lives in each server process's memory. Every change to what it indexes
-- (companies, listings) or learns from (decisions) is announced on channel `banso_match` as
-- '<side>:<tenant_id>:<id>' when the transaction commits, whichever process or tool made it
-- (API, CSV import, CLI, restore), so every process updates its index incrementally.
CREATE OR REPLACE FUNCTION banso_match_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_tenant uuid;
  row_id uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN
    row_tenant := OLD.tenant_id;
    row_id := OLD.id;
  ELSE
    row_tenant := NEW.tenant_id;
    row_id := NEW.id;
  END IF;
  PERFORM pg_notify('banso_match', TG_ARGV[0] || ':' || row_tenant::text || ':' || row_id::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER companies_match_notify
  AFTER INSERT OR DELETE OR UPDATE OF name, kind, jsic_code, municipality_code, business_description,
    technologies, products, equipment, needs, status, archived_at
  ON companies FOR EACH ROW EXECUTE FUNCTION banso_match_notify('need');
--> statement-breakpoint
CREATE TRIGGER listings_match_notify
  AFTER INSERT OR DELETE OR UPDATE ON listings
  FOR EACH ROW EXECUTE FUNCTION banso_match_notify('seed');
--> statement-breakpoint
CREATE TRIGGER match_decisions_match_notify
  AFTER INSERT ON match_decisions
  FOR EACH ROW EXECUTE FUNCTION banso_match_notify('decision');
