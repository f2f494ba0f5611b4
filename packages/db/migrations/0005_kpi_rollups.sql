CREATE TABLE "kpi_company_years" (
	"tenant_id" uuid NOT NULL,
	"basis" text NOT NULL,
	"year" integer NOT NULL,
	"company_id" uuid NOT NULL,
	"company_kind" text NOT NULL,
	"municipality_code" text NOT NULL,
	"kinds" text[] NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"kind_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "kpi_company_years_pk" PRIMARY KEY("tenant_id","basis","year","company_id")
);
--> statement-breakpoint
CREATE TABLE "kpi_visit_counts" (
	"tenant_id" uuid NOT NULL,
	"fy" integer NOT NULL,
	"cy" integer NOT NULL,
	"kind" text NOT NULL,
	"company_kind" text NOT NULL,
	"municipality_code" text NOT NULL,
	"categories" text[] NOT NULL,
	"visits" integer NOT NULL,
	CONSTRAINT "kpi_visit_counts_pk" PRIMARY KEY("tenant_id","fy","cy","kind","company_kind","municipality_code","categories")
);
--> statement-breakpoint
CREATE INDEX "kpi_company_years_company_idx" ON "kpi_company_years" USING btree ("tenant_id","company_id");--> statement-breakpoint
CREATE INDEX "kpi_visit_counts_empty_idx" ON "kpi_visit_counts" USING btree ("tenant_id") WHERE visits = 0;