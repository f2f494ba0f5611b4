CREATE TABLE "kpis" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"unit_label" text,
	"basis" text DEFAULT 'fiscal' NOT NULL,
	"direction" text DEFAULT 'increase' NOT NULL,
	"baseline" double precision,
	"notes" text,
	"metric" jsonb,
	"years" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "kpis_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text,
	"name" text NOT NULL,
	"scheme" text,
	"from_fy" integer NOT NULL,
	"to_fy" integer NOT NULL,
	"description" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"background" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"years" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "programs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_tenant_id_program_id_programs_tenant_id_id_fk" FOREIGN KEY ("tenant_id","program_id") REFERENCES "public"."programs"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kpis_program_idx" ON "kpis" USING btree ("tenant_id","program_id","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "programs_tenant_code_key" ON "programs" USING btree ("tenant_id","code") WHERE "programs"."code" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "programs_period_idx" ON "programs" USING btree ("tenant_id","from_fy","to_fy");