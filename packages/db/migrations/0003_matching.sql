CREATE TABLE "listings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text DEFAULT 'open_patent' NOT NULL,
	"title" text NOT NULL,
	"patent_number" text,
	"application_number" text,
	"publication_number" text,
	"filed_on" date,
	"registered_on" date,
	"abstract" text,
	"claims" text,
	"technical_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"functions" text[] DEFAULT '{}'::text[] NOT NULL,
	"applicable_products" text[] DEFAULT '{}'::text[] NOT NULL,
	"purpose" text,
	"effect" text,
	"ipc" text[] DEFAULT '{}'::text[] NOT NULL,
	"holder_company_id" uuid,
	"holder_name" text,
	"assignment_offered" boolean DEFAULT false NOT NULL,
	"licensing" text DEFAULT 'non_exclusive' NOT NULL,
	"licensing_record" text,
	"status" text DEFAULT 'offered' NOT NULL,
	"verified_on" date,
	"license_conditions" text,
	"contact" text,
	"source" text,
	"external_id" text,
	"municipality_code" text,
	"search_text" text DEFAULT '' NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "listings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "match_decisions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"verdict" text NOT NULL,
	"reason" text,
	"score" double precision,
	"decided_by" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_decisions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "matches" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"stage" text DEFAULT 'candidate' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"stage_dates" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"contracted_on" date,
	"commercialized_on" date,
	"dropped_on" date,
	"drop_reason" text,
	"origin" text DEFAULT 'individual' NOT NULL,
	"partner_region" text,
	"license_type" text,
	"license_field" text,
	"license_territory" text,
	"license_term" text,
	"royalty_type" text,
	"license_notes" text,
	"product_name" text,
	"launched_on" date,
	"coordinator_id" uuid,
	"program_id" uuid,
	"notes" text,
	"proposal_score" double precision,
	"proposal_summary" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "matches_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_tenant_id_holder_company_id_companies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","holder_company_id") REFERENCES "public"."companies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_decisions" ADD CONSTRAINT "match_decisions_tenant_id_listing_id_listings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","listing_id") REFERENCES "public"."listings"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_decisions" ADD CONSTRAINT "match_decisions_tenant_id_company_id_companies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","company_id") REFERENCES "public"."companies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_tenant_id_listing_id_listings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","listing_id") REFERENCES "public"."listings"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_tenant_id_company_id_companies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","company_id") REFERENCES "public"."companies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_tenant_id_program_id_programs_tenant_id_id_fk" FOREIGN KEY ("tenant_id","program_id") REFERENCES "public"."programs"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_tenant_id_coordinator_id_supporters_tenant_id_id_fk" FOREIGN KEY ("tenant_id","coordinator_id") REFERENCES "public"."supporters"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "listings_tenant_external_key" ON "listings" USING btree ("tenant_id","external_id") WHERE "listings"."external_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "listings_tenant_kind_idx" ON "listings" USING btree ("tenant_id","kind","status");--> statement-breakpoint
CREATE INDEX "listings_holder_idx" ON "listings" USING btree ("tenant_id","holder_company_id");--> statement-breakpoint
CREATE INDEX "match_decisions_pair_idx" ON "match_decisions" USING btree ("tenant_id","listing_id","company_id","decided_at");--> statement-breakpoint
CREATE UNIQUE INDEX "matches_open_pair_key" ON "matches" USING btree ("tenant_id","listing_id","company_id") WHERE "matches"."status" = 'active';--> statement-breakpoint
CREATE INDEX "matches_stage_idx" ON "matches" USING btree ("tenant_id","status","stage");--> statement-breakpoint
CREATE INDEX "matches_company_idx" ON "matches" USING btree ("tenant_id","company_id");--> statement-breakpoint
CREATE INDEX "matches_contracted_idx" ON "matches" USING btree ("tenant_id","contracted_on");