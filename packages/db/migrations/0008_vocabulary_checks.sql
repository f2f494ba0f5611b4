ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_status_check" CHECK ("status" IN ('open', 'done'));--> statement-breakpoint
ALTER TABLE "supporters" ADD CONSTRAINT "supporters_kind_check" CHECK ("kind" IN ('staff', 'coordinator', 'expert', 'financial', 'other'));--> statement-breakpoint
ALTER TABLE "visit_issues" ADD CONSTRAINT "visit_issues_raised_by_check" CHECK ("raised_by" IN ('owner', 'supporter'));--> statement-breakpoint
ALTER TABLE "visit_members" ADD CONSTRAINT "visit_members_role_check" CHECK ("role" IN ('lead', 'member'));--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_kind_check" CHECK ("kind" IN ('caravan', 'follow_up', 'online', 'phone', 'event'));--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_status_check" CHECK ("status" IN ('draft', 'completed'));--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_kind_check" CHECK ("kind" IN ('sme', 'large', 'startup', 'university', 'research', 'financial', 'public', 'other'));--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_successor_status_check" CHECK ("successor_status" IN ('unknown', 'decided', 'candidate', 'none', 'not_needed'));--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_status_check" CHECK ("status" IN ('active', 'closed'));--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_kind_check" CHECK ("kind" IN ('open_patent', 'sme_seed', 'large_need', 'life_science_seed', 'life_science_need', 'welfare_need', 'talent', 'startup_role'));--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_licensing_check" CHECK ("licensing" IN ('none', 'non_exclusive', 'exclusive', 'either'));--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_status_check" CHECK ("status" IN ('offered', 'licensed', 'withdrawn', 'expired'));--> statement-breakpoint
ALTER TABLE "match_decisions" ADD CONSTRAINT "match_decisions_verdict_check" CHECK ("verdict" IN ('accepted', 'rejected'));--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_stage_check" CHECK ("stage" IN ('candidate', 'introduced', 'meeting', 'negotiating', 'contracted', 'prototyping', 'commercialized'));--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_status_check" CHECK ("status" IN ('active', 'dropped'));--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_origin_check" CHECK ("origin" IN ('open_meeting', 'closed_meeting', 'individual', 'creator_proposal', 'online_wide_area', 'engine', 'other'));--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_license_type_check" CHECK ("license_type" IN ('non_exclusive', 'exclusive', 'assignment', 'other'));--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_royalty_type_check" CHECK ("royalty_type" IN ('lump_sum', 'running', 'lump_sum_and_running', 'free', 'other'));--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_unit_check" CHECK ("unit" IN ('件', '人', '千円', '万人', '歳', 'free'));--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_basis_check" CHECK ("basis" IN ('fiscal', 'calendar'));--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_direction_check" CHECK ("direction" IN ('increase', 'decrease'));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_role_check" CHECK ("role" IN ('admin', 'staff', 'coordinator', 'partner', 'viewer'));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_locale_check" CHECK ("locale" IN ('ja', 'en'));