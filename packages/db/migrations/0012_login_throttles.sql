CREATE TABLE "login_throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"tenant_id" uuid,
	"email" text,
	"address" text,
	"failures" integer NOT NULL,
	"last_failed_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "login_throttles" ADD CONSTRAINT "login_throttles_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "login_throttles_tenant_email_idx" ON "login_throttles" USING btree ("tenant_id","email");--> statement-breakpoint
SELECT banso_enable_tenant_rls('login_throttles');