-- The computed KPIs over visits (訪問件数, 訪問企業数) read two rollups (tables in 0005) instead of
-- every visit. Triggers keep them current under any INSERT, UPDATE or DELETE of visits,
-- visit_issues and companies, whichever process or tool makes it (API, CSV import, CLI, restore):
--
-- * kpi_visit_counts holds counts, changed by deltas: -1 under a completed visit's key before a
--   change, +1 under its key after. A statement's transition tables give the rows before and
--   after; the rest of the key comes from tables that statement did not change (a visit's
--   issues and company for a change of visits; its purposes and company for a change of
--   issues). The exception is deleting a visit: its issues are deleted by the foreign key's
--   cascade before any AFTER trigger of the visit runs, so that delta is taken BEFORE each row.
-- * kpi_company_years is recomputed from the visits for every company a statement touched
--   (inserts, which can only add kinds and categories, merge what the new rows bring).
--
-- Trigger statements reach visits, issues and companies from the rows a statement changed by
-- their keys (LATERAL … OFFSET 0: nested loops over the indexes), and their functions run with
-- sequential scans off and custom plans: a restore inserts everything in one transaction, before
-- any statistics exist, and a plan that scans a table per changed row would take hours.
--
-- Every trigger first locks the companies concerned (FOR NO KEY UPDATE, in key order), so that
-- changes of one company's visits, issues and attributes apply one transaction after the other;
-- each statement of a PL/pgSQL function reads with a fresh snapshot in READ COMMITTED, so a
-- trigger that waited for the lock counts what the other transaction committed.

-- Fiscal year (April–March) and calendar year of an Asia/Tokyo day.
CREATE FUNCTION kpi_fy(day date) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT extract(year FROM day - interval '3 months')::integer
$$;
--> statement-breakpoint
CREATE FUNCTION kpi_cy(day date) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT extract(year FROM day)::integer
$$;
--> statement-breakpoint
-- The category set of a visit: its purposes' and its issues' categories, distinct, "C" order.
CREATE FUNCTION kpi_categories(purposes text[], issues text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(c ORDER BY c COLLATE "C"), '{}'::text[])
  FROM (SELECT DISTINCT u.c FROM unnest(coalesce(purposes, '{}') || coalesce(issues, '{}')) AS u(c)
        WHERE u.c IS NOT NULL) s
$$;
--> statement-breakpoint
CREATE FUNCTION kpi_lock_companies(tenants uuid[], ids uuid[]) RETURNS void
LANGUAGE plpgsql
SET enable_seqscan = off SET plan_cache_mode = force_custom_plan AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT DISTINCT a.t, a.i FROM unnest(tenants, ids) AS a(t, i) ORDER BY a.t, a.i LOOP
    PERFORM 1 FROM companies c WHERE c.tenant_id = r.t AND c.id = r.i FOR NO KEY UPDATE;
  END LOOP;
END
$$;
--> statement-breakpoint
-- Counts that reached 0 are deleted, so that the rollup holds exactly what a rebuild would.
CREATE FUNCTION kpi_drop_empty_counts(tenants uuid[]) RETURNS void
LANGUAGE sql
SET enable_seqscan = off SET plan_cache_mode = force_custom_plan AS $$
  DELETE FROM kpi_visit_counts WHERE tenant_id = ANY(tenants) AND visits = 0
$$;
--> statement-breakpoint
-- Recomputes the company-year rows of the given companies from their completed visits.
CREATE FUNCTION kpi_refresh_company_years(tenants uuid[], ids uuid[]) RETURNS void
LANGUAGE plpgsql
SET enable_seqscan = off SET plan_cache_mode = force_custom_plan AS $$
BEGIN
  DELETE FROM kpi_company_years k
    USING (SELECT DISTINCT a.t, a.i FROM unnest(tenants, ids) AS a(t, i)) a
    WHERE k.tenant_id = a.t AND k.company_id = a.i;
  INSERT INTO kpi_company_years
    (tenant_id, basis, year, company_id, company_kind, municipality_code, kinds, categories,
     kind_categories)
  SELECT v.tenant_id, b.basis, b.year, v.company_id, c.kind, coalesce(c.municipality_code, ''),
    array_agg(DISTINCT v.kind COLLATE "C"),
    coalesce(array_agg(DISTINCT x.category COLLATE "C") FILTER (WHERE x.category IS NOT NULL), '{}'),
    coalesce(array_agg(DISTINCT (v.kind || ':' || x.category) COLLATE "C")
      FILTER (WHERE x.category IS NOT NULL), '{}')
  FROM (SELECT DISTINCT a.t, a.i FROM unnest(tenants, ids) AS a(t, i)) a
  CROSS JOIN LATERAL (SELECT * FROM visits v
    WHERE v.tenant_id = a.t AND v.company_id = a.i AND v.status = 'completed' OFFSET 0) v
  CROSS JOIN LATERAL (SELECT c.kind, c.municipality_code FROM companies c
    WHERE c.tenant_id = v.tenant_id AND c.id = v.company_id OFFSET 0) c
  CROSS JOIN LATERAL (VALUES ('fiscal', kpi_fy(v.local_date)), ('calendar', kpi_cy(v.local_date)))
    AS b(basis, year)
  LEFT JOIN LATERAL unnest(v.purpose_categories || ARRAY(
    SELECT i.category FROM visit_issues i WHERE i.tenant_id = v.tenant_id AND i.visit_id = v.id
  )) AS x(category) ON true
  GROUP BY v.tenant_id, b.basis, b.year, v.company_id, c.kind, c.municipality_code;
END
$$;
--> statement-breakpoint
-- Adds what the given visits (as they are now) bring to their company years. Only inserts use
-- it: a company year's kinds and categories can only grow when visits or issues are added, so
-- this gives what a recomputation would, at the cost of the new rows alone (a restore or an
-- import inserts in chunks that each touch many companies).
CREATE FUNCTION kpi_merge_company_years(tenants uuid[], visit_ids uuid[]) RETURNS void
LANGUAGE plpgsql
SET enable_seqscan = off SET plan_cache_mode = force_custom_plan AS $$
BEGIN
  INSERT INTO kpi_company_years AS k
    (tenant_id, basis, year, company_id, company_kind, municipality_code, kinds, categories,
     kind_categories)
  SELECT v.tenant_id, b.basis, b.year, v.company_id, c.kind, coalesce(c.municipality_code, ''),
    array_agg(DISTINCT v.kind COLLATE "C"),
    coalesce(array_agg(DISTINCT x.category COLLATE "C") FILTER (WHERE x.category IS NOT NULL), '{}'),
    coalesce(array_agg(DISTINCT (v.kind || ':' || x.category) COLLATE "C")
      FILTER (WHERE x.category IS NOT NULL), '{}')
  FROM (SELECT DISTINCT a.t, a.i FROM unnest(tenants, visit_ids) AS a(t, i)) a
  CROSS JOIN LATERAL (SELECT * FROM visits v
    WHERE v.tenant_id = a.t AND v.id = a.i AND v.status = 'completed' OFFSET 0) v
  CROSS JOIN LATERAL (SELECT c.kind, c.municipality_code FROM companies c
    WHERE c.tenant_id = v.tenant_id AND c.id = v.company_id OFFSET 0) c
  CROSS JOIN LATERAL (VALUES ('fiscal', kpi_fy(v.local_date)), ('calendar', kpi_cy(v.local_date)))
    AS b(basis, year)
  LEFT JOIN LATERAL unnest(v.purpose_categories || ARRAY(
    SELECT i.category FROM visit_issues i WHERE i.tenant_id = v.tenant_id AND i.visit_id = v.id
  )) AS x(category) ON true
  GROUP BY v.tenant_id, b.basis, b.year, v.company_id, c.kind, c.municipality_code
  ON CONFLICT (tenant_id, basis, year, company_id) DO UPDATE SET
    company_kind = excluded.company_kind,
    municipality_code = excluded.municipality_code,
    kinds = ARRAY(SELECT x FROM unnest(k.kinds || excluded.kinds) AS u(x)
      GROUP BY x ORDER BY x COLLATE "C"),
    categories = ARRAY(SELECT x FROM unnest(k.categories || excluded.categories) AS u(x)
      GROUP BY x ORDER BY x COLLATE "C"),
    kind_categories = ARRAY(SELECT x FROM unnest(k.kind_categories || excluded.kind_categories) AS u(x)
      GROUP BY x ORDER BY x COLLATE "C")
  WHERE NOT (k.kinds @> excluded.kinds AND k.categories @> excluded.categories
    AND k.kind_categories @> excluded.kind_categories);
END
$$;
--> statement-breakpoint
-- visits, AFTER INSERT, UPDATE or DELETE of a statement.
CREATE FUNCTION kpi_visits_changed() RETURNS trigger LANGUAGE plpgsql
SET enable_seqscan = off SET plan_cache_mode = force_custom_plan AS $$
DECLARE
  tenants uuid[];
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n.tenant_id), array_agg(n.company_id) INTO tenants, ids
      FROM (SELECT DISTINCT tenant_id, company_id FROM new_rows) n;
  ELSIF TG_OP = 'UPDATE' THEN
    -- The companies of the rows whose counted attributes changed (before and after).
    SELECT array_agg(s.tenant_id), array_agg(s.company_id) INTO tenants, ids FROM (
      SELECT o.tenant_id, o.company_id
        FROM old_rows o LEFT JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
        WHERE n.id IS NULL
          OR (o.company_id, o.local_date, o.kind, o.status, o.purpose_categories)
            IS DISTINCT FROM (n.company_id, n.local_date, n.kind, n.status, n.purpose_categories)
      UNION
      SELECT n.tenant_id, n.company_id
        FROM new_rows n LEFT JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
        WHERE o.id IS NULL
          OR (o.company_id, o.local_date, o.kind, o.status, o.purpose_categories)
            IS DISTINCT FROM (n.company_id, n.local_date, n.kind, n.status, n.purpose_categories)
    ) s;
  ELSE
    SELECT array_agg(o.tenant_id), array_agg(o.company_id) INTO tenants, ids
      FROM (SELECT DISTINCT tenant_id, company_id FROM old_rows) o;
  END IF;
  IF tenants IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM kpi_lock_companies(tenants, ids);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO kpi_visit_counts AS k
      (tenant_id, fy, cy, kind, company_kind, municipality_code, categories, visits)
    SELECT v.tenant_id, kpi_fy(v.local_date), kpi_cy(v.local_date), v.kind, c.kind,
      coalesce(c.municipality_code, ''),
      kpi_categories(v.purpose_categories, ARRAY(
        SELECT i.category FROM visit_issues i WHERE i.tenant_id = v.tenant_id AND i.visit_id = v.id)),
      count(*)::integer
    FROM new_rows v CROSS JOIN LATERAL (SELECT c.kind, c.municipality_code FROM companies c
    WHERE c.tenant_id = v.tenant_id AND c.id = v.company_id OFFSET 0) c
    WHERE v.status = 'completed'
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (tenant_id, fy, cy, kind, company_kind, municipality_code, categories)
    DO UPDATE SET visits = k.visits + excluded.visits;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Every row out under its old key and in under its new one (unchanged rows cancel out).
    INSERT INTO kpi_visit_counts AS k
      (tenant_id, fy, cy, kind, company_kind, municipality_code, categories, visits)
    SELECT v.tenant_id, kpi_fy(v.local_date), kpi_cy(v.local_date), v.kind, c.kind,
      coalesce(c.municipality_code, ''),
      kpi_categories(v.purpose_categories, ARRAY(
        SELECT i.category FROM visit_issues i WHERE i.tenant_id = v.tenant_id AND i.visit_id = v.id)),
      sum(v.n)::integer
    FROM (SELECT -1 AS n, o.* FROM old_rows o UNION ALL SELECT 1, n.* FROM new_rows n) v
    CROSS JOIN LATERAL (SELECT c.kind, c.municipality_code FROM companies c
    WHERE c.tenant_id = v.tenant_id AND c.id = v.company_id OFFSET 0) c
    WHERE v.status = 'completed'
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(v.n) <> 0
    ON CONFLICT (tenant_id, fy, cy, kind, company_kind, municipality_code, categories)
    DO UPDATE SET visits = k.visits + excluded.visits;
  END IF;
  -- (DELETE: counted out BEFORE each row, by kpi_visit_deleting.)
  PERFORM kpi_drop_empty_counts(tenants);
  IF TG_OP = 'INSERT' THEN
    PERFORM kpi_merge_company_years(
      (SELECT array_agg(tenant_id) FROM new_rows), (SELECT array_agg(id) FROM new_rows));
  ELSE
    PERFORM kpi_refresh_company_years(tenants, ids);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION kpi_visit_deleting() RETURNS trigger LANGUAGE plpgsql
SET enable_seqscan = off SET plan_cache_mode = force_custom_plan AS $$
BEGIN
  PERFORM kpi_lock_companies(ARRAY[OLD.tenant_id], ARRAY[OLD.company_id]);
  IF OLD.status = 'completed' THEN
    UPDATE kpi_visit_counts k SET visits = k.visits - 1
    FROM companies c
    WHERE c.tenant_id = OLD.tenant_id AND c.id = OLD.company_id
      AND k.tenant_id = OLD.tenant_id AND k.fy = kpi_fy(OLD.local_date)
      AND k.cy = kpi_cy(OLD.local_date) AND k.kind = OLD.kind AND k.company_kind = c.kind
      AND k.municipality_code = coalesce(c.municipality_code, '')
      AND k.categories = kpi_categories(OLD.purpose_categories, ARRAY(
        SELECT i.category FROM visit_issues i WHERE i.tenant_id = OLD.tenant_id AND i.visit_id = OLD.id));
    PERFORM kpi_drop_empty_counts(ARRAY[OLD.tenant_id]);
  END IF;
  RETURN OLD;
END
$$;
--> statement-breakpoint
-- visit_issues: per visit and category, the issues before the statement are those now, less the
-- rows the statement wrote, plus the rows it replaced or deleted (counted, not anti-joined, so a
-- bulk statement costs one pass over its rows).
CREATE FUNCTION kpi_visit_issues_changed() RETURNS trigger LANGUAGE plpgsql
SET enable_seqscan = off SET plan_cache_mode = force_custom_plan AS $$
DECLARE
  -- Rows written (inserted, or updated to) and rows replaced (updated from, or deleted).
  w_tenants uuid[] := '{}';
  w_visits uuid[] := '{}';
  w_categories text[] := '{}';
  r_tenants uuid[] := '{}';
  r_visits uuid[] := '{}';
  r_categories text[] := '{}';
  tenants uuid[];
  ids uuid[];
BEGIN
  IF TG_OP <> 'DELETE' THEN
    SELECT coalesce(array_agg(tenant_id), '{}'), coalesce(array_agg(visit_id), '{}'),
      coalesce(array_agg(category), '{}')
      INTO w_tenants, w_visits, w_categories FROM new_rows;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    SELECT coalesce(array_agg(tenant_id), '{}'), coalesce(array_agg(visit_id), '{}'),
      coalesce(array_agg(category), '{}')
      INTO r_tenants, r_visits, r_categories FROM old_rows;
  END IF;
  -- The companies of the visits concerned that still exist (a deleted visit was counted out
  -- before its issues went).
  SELECT array_agg(s.tenant_id), array_agg(s.company_id) INTO tenants, ids FROM (
    SELECT DISTINCT v.tenant_id, v.company_id
    FROM (SELECT DISTINCT a.t, a.i FROM unnest(w_tenants || r_tenants, w_visits || r_visits) AS a(t, i)) a
    CROSS JOIN LATERAL (SELECT v.tenant_id, v.company_id FROM visits v
      WHERE v.tenant_id = a.t AND v.id = a.i OFFSET 0) v
  ) s;
  IF tenants IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM kpi_lock_companies(tenants, ids);
  INSERT INTO kpi_visit_counts AS k
    (tenant_id, fy, cy, kind, company_kind, municipality_code, categories, visits)
  SELECT v.tenant_id, kpi_fy(v.local_date), kpi_cy(v.local_date), v.kind, c.kind,
    coalesce(c.municipality_code, ''), kpi_categories(v.purpose_categories, s.categories),
    sum(s.n)::integer
  FROM (
    WITH concerned AS (
      SELECT DISTINCT a.t AS tenant_id, a.i AS visit_id
      FROM unnest(w_tenants || r_tenants, w_visits || r_visits) AS a(t, i)
    ), issues AS (
      SELECT i.tenant_id, i.visit_id, i.category, 1 AS now_n, 1 AS before_n
      FROM concerned x CROSS JOIN LATERAL (SELECT i.tenant_id, i.visit_id, i.category
        FROM visit_issues i WHERE i.tenant_id = x.tenant_id AND i.visit_id = x.visit_id OFFSET 0) i
      UNION ALL
      SELECT a.t, a.v, a.c, 0, -1 FROM unnest(w_tenants, w_visits, w_categories) AS a(t, v, c)
      UNION ALL
      SELECT a.t, a.v, a.c, 0, 1 FROM unnest(r_tenants, r_visits, r_categories) AS a(t, v, c)
    ), per_category AS (
      SELECT tenant_id, visit_id, category, sum(now_n) AS now_n, sum(before_n) AS before_n
      FROM issues GROUP BY tenant_id, visit_id, category
    ), per_visit AS (
      SELECT x.tenant_id, x.visit_id,
        array_agg(p.category) FILTER (WHERE p.now_n > 0) AS now_categories,
        array_agg(p.category) FILTER (WHERE p.before_n > 0) AS before_categories
      FROM concerned x
      LEFT JOIN per_category p ON p.tenant_id = x.tenant_id AND p.visit_id = x.visit_id
      GROUP BY x.tenant_id, x.visit_id
    )
    SELECT tenant_id, visit_id, 1 AS n, now_categories AS categories FROM per_visit
    UNION ALL
    SELECT tenant_id, visit_id, -1, before_categories FROM per_visit
  ) s
  CROSS JOIN LATERAL (SELECT * FROM visits v
    WHERE v.tenant_id = s.tenant_id AND v.id = s.visit_id OFFSET 0) v
  CROSS JOIN LATERAL (SELECT c.kind, c.municipality_code FROM companies c
    WHERE c.tenant_id = v.tenant_id AND c.id = v.company_id OFFSET 0) c
  WHERE v.status = 'completed'
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  HAVING sum(s.n) <> 0
  ON CONFLICT (tenant_id, fy, cy, kind, company_kind, municipality_code, categories)
  DO UPDATE SET visits = k.visits + excluded.visits;
  PERFORM kpi_drop_empty_counts(tenants);
  IF TG_OP = 'INSERT' THEN
    PERFORM kpi_merge_company_years(w_tenants, w_visits);
  ELSE
    PERFORM kpi_refresh_company_years(tenants, ids);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- companies: a new kind or municipality moves the company's completed visits.
CREATE FUNCTION kpi_company_changed() RETURNS trigger LANGUAGE plpgsql
SET enable_seqscan = off SET plan_cache_mode = force_custom_plan AS $$
BEGIN
  INSERT INTO kpi_visit_counts AS k
    (tenant_id, fy, cy, kind, company_kind, municipality_code, categories, visits)
  SELECT v.tenant_id, kpi_fy(v.local_date), kpi_cy(v.local_date), v.kind, s.company_kind,
    s.municipality_code,
    kpi_categories(v.purpose_categories, ARRAY(
      SELECT i.category FROM visit_issues i WHERE i.tenant_id = v.tenant_id AND i.visit_id = v.id)),
    sum(s.n)::integer
  FROM visits v
  CROSS JOIN LATERAL (VALUES
    (-1, OLD.kind, coalesce(OLD.municipality_code, '')),
    (1, NEW.kind, coalesce(NEW.municipality_code, ''))) AS s(n, company_kind, municipality_code)
  WHERE v.tenant_id = NEW.tenant_id AND v.company_id = NEW.id AND v.status = 'completed'
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  HAVING sum(s.n) <> 0
  ON CONFLICT (tenant_id, fy, cy, kind, company_kind, municipality_code, categories)
  DO UPDATE SET visits = k.visits + excluded.visits;
  PERFORM kpi_drop_empty_counts(ARRAY[NEW.tenant_id]);
  PERFORM kpi_refresh_company_years(ARRAY[NEW.tenant_id], ARRAY[NEW.id]);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER kpi_visits_inserted AFTER INSERT ON visits
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_visits_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_visits_updated AFTER UPDATE ON visits
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_visits_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_visits_deleted AFTER DELETE ON visits
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_visits_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_visit_deleting BEFORE DELETE ON visits
  FOR EACH ROW EXECUTE FUNCTION kpi_visit_deleting();
--> statement-breakpoint
CREATE TRIGGER kpi_visit_issues_inserted AFTER INSERT ON visit_issues
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_visit_issues_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_visit_issues_updated AFTER UPDATE ON visit_issues
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_visit_issues_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_visit_issues_deleted AFTER DELETE ON visit_issues
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_visit_issues_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_company_changed AFTER UPDATE OF kind, municipality_code ON companies
  FOR EACH ROW
  WHEN (OLD.kind IS DISTINCT FROM NEW.kind
    OR OLD.municipality_code IS DISTINCT FROM NEW.municipality_code)
  EXECUTE FUNCTION kpi_company_changed();
--> statement-breakpoint
-- The rollups of the visits already recorded.
INSERT INTO kpi_visit_counts
  (tenant_id, fy, cy, kind, company_kind, municipality_code, categories, visits)
SELECT v.tenant_id, kpi_fy(v.local_date), kpi_cy(v.local_date), v.kind, c.kind,
  coalesce(c.municipality_code, ''), kpi_categories(v.purpose_categories, i.categories),
  count(*)::integer
FROM visits v
JOIN companies c ON c.tenant_id = v.tenant_id AND c.id = v.company_id
LEFT JOIN (
  SELECT tenant_id, visit_id, array_agg(category) AS categories
  FROM visit_issues GROUP BY tenant_id, visit_id
) i ON i.tenant_id = v.tenant_id AND i.visit_id = v.id
WHERE v.status = 'completed'
GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
INSERT INTO kpi_company_years
  (tenant_id, basis, year, company_id, company_kind, municipality_code, kinds, categories,
   kind_categories)
SELECT v.tenant_id, b.basis, b.year, v.company_id, c.kind, coalesce(c.municipality_code, ''),
  array_agg(DISTINCT v.kind COLLATE "C"),
  coalesce(array_agg(DISTINCT x.category COLLATE "C") FILTER (WHERE x.category IS NOT NULL), '{}'),
  coalesce(array_agg(DISTINCT (v.kind || ':' || x.category) COLLATE "C")
    FILTER (WHERE x.category IS NOT NULL), '{}')
FROM visits v
JOIN companies c ON c.tenant_id = v.tenant_id AND c.id = v.company_id
LEFT JOIN (
  SELECT tenant_id, visit_id, array_agg(category) AS categories
  FROM visit_issues GROUP BY tenant_id, visit_id
) i ON i.tenant_id = v.tenant_id AND i.visit_id = v.id
CROSS JOIN LATERAL (VALUES ('fiscal', kpi_fy(v.local_date)), ('calendar', kpi_cy(v.local_date)))
  AS b(basis, year)
LEFT JOIN LATERAL unnest(kpi_categories(v.purpose_categories, i.categories)) AS x(category) ON true
WHERE v.status = 'completed'
GROUP BY v.tenant_id, b.basis, b.year, v.company_id, c.kind, c.municipality_code;
