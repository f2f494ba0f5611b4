CREATE TABLE "calendar_feeds" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"supporter_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"token_prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "company_flags" (
	"tenant_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"supporter_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"created_by_label" text NOT NULL,
	CONSTRAINT "company_flags_tenant_id_company_id_pk" PRIMARY KEY("tenant_id","company_id")
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"visit_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"title" text NOT NULL,
	"assignee_id" uuid,
	"due_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"completed_on" date,
	"completion_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "follow_ups_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "issue_categories" (
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"finance" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "issue_categories_tenant_id_name_pk" PRIMARY KEY("tenant_id","name")
);
--> statement-breakpoint
CREATE TABLE "supporters" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"name_kana" text,
	"organization" text,
	"kind" text NOT NULL,
	"expertise" text[] DEFAULT '{}'::text[] NOT NULL,
	"monthly_capacity" integer DEFAULT 8 NOT NULL,
	"email" text,
	"phone" text,
	"notes" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "supporters_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "visit_issues" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"visit_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"category" text NOT NULL,
	"description" text,
	"raised_by" text NOT NULL,
	"resolved_on" date,
	CONSTRAINT "visit_issues_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "visit_members" (
	"tenant_id" uuid NOT NULL,
	"visit_id" uuid NOT NULL,
	"supporter_id" uuid NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	CONSTRAINT "visit_members_tenant_id_visit_id_supporter_id_pk" PRIMARY KEY("tenant_id","visit_id","supporter_id")
);
--> statement-breakpoint
CREATE TABLE "visit_targets" (
	"tenant_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"target" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "visit_targets_tenant_id_fiscal_year_pk" PRIMARY KEY("tenant_id","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"local_date" date NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"purpose" text,
	"purpose_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"listening_notes" text,
	"owner_awareness" text,
	"next_contact_on" date,
	"location" text,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "visits_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_tenant_id_supporter_id_supporters_tenant_id_id_fk" FOREIGN KEY ("tenant_id","supporter_id") REFERENCES "public"."supporters"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_flags" ADD CONSTRAINT "company_flags_tenant_id_company_id_companies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","company_id") REFERENCES "public"."companies"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_flags" ADD CONSTRAINT "company_flags_tenant_id_supporter_id_supporters_tenant_id_id_fk" FOREIGN KEY ("tenant_id","supporter_id") REFERENCES "public"."supporters"("tenant_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_tenant_id_visit_id_visits_tenant_id_id_fk" FOREIGN KEY ("tenant_id","visit_id") REFERENCES "public"."visits"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_tenant_id_company_id_companies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","company_id") REFERENCES "public"."companies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_tenant_id_assignee_id_supporters_tenant_id_id_fk" FOREIGN KEY ("tenant_id","assignee_id") REFERENCES "public"."supporters"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_categories" ADD CONSTRAINT "issue_categories_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supporters" ADD CONSTRAINT "supporters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supporters" ADD CONSTRAINT "supporters_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_issues" ADD CONSTRAINT "visit_issues_tenant_id_visit_id_visits_tenant_id_id_fk" FOREIGN KEY ("tenant_id","visit_id") REFERENCES "public"."visits"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_issues" ADD CONSTRAINT "visit_issues_tenant_id_company_id_companies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","company_id") REFERENCES "public"."companies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_members" ADD CONSTRAINT "visit_members_tenant_id_visit_id_visits_tenant_id_id_fk" FOREIGN KEY ("tenant_id","visit_id") REFERENCES "public"."visits"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_members" ADD CONSTRAINT "visit_members_tenant_id_supporter_id_supporters_tenant_id_id_fk" FOREIGN KEY ("tenant_id","supporter_id") REFERENCES "public"."supporters"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_targets" ADD CONSTRAINT "visit_targets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_tenant_id_company_id_companies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","company_id") REFERENCES "public"."companies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_tenant_token_key" ON "calendar_feeds" USING btree ("tenant_id","token_hash");--> statement-breakpoint
CREATE INDEX "calendar_feeds_supporter_idx" ON "calendar_feeds" USING btree ("tenant_id","supporter_id");--> statement-breakpoint
CREATE INDEX "follow_ups_visit_idx" ON "follow_ups" USING btree ("tenant_id","visit_id");--> statement-breakpoint
CREATE INDEX "follow_ups_company_idx" ON "follow_ups" USING btree ("tenant_id","company_id","status");--> statement-breakpoint
CREATE INDEX "follow_ups_open_due_idx" ON "follow_ups" USING btree ("tenant_id","status","due_on");--> statement-breakpoint
CREATE INDEX "follow_ups_assignee_idx" ON "follow_ups" USING btree ("tenant_id","assignee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "supporters_tenant_user_key" ON "supporters" USING btree ("tenant_id","user_id") WHERE "supporters"."user_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "visit_issues_visit_idx" ON "visit_issues" USING btree ("tenant_id","visit_id");--> statement-breakpoint
CREATE INDEX "visit_issues_company_idx" ON "visit_issues" USING btree ("tenant_id","company_id");--> statement-breakpoint
CREATE INDEX "visit_members_supporter_idx" ON "visit_members" USING btree ("tenant_id","supporter_id");--> statement-breakpoint
CREATE INDEX "visits_company_idx" ON "visits" USING btree ("tenant_id","company_id","starts_at");--> statement-breakpoint
CREATE INDEX "visits_local_date_idx" ON "visits" USING btree ("tenant_id","local_date");