-- Requests run as brody_app (SET LOCAL ROLE inside each request's transaction, worker/src/db/user-scope.ts):
-- not the tables' owner and not a superuser, so the own_rows policies of 0003 apply to it.
-- Roles belong to the whole server: another database of the same server may have made it already.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'brody_app') THEN
    CREATE ROLE "brody_app" NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;--> statement-breakpoint
GRANT "brody_app" TO CURRENT_USER;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO "brody_app";--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "brody_app";--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "brody_app";--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "brody_app";--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO "brody_app";--> statement-breakpoint
-- An owner that is not a superuser (Neon's) is held to the policies too.
ALTER TABLE "triage_results" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "ai_cache" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "ai_usage" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sync_rows" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sync_versions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sync_devices" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- The self-hosted API's owner (worker/src/auth/owner.ts): the user every row stored before accounts belongs to.
INSERT INTO "users" ("id") VALUES ('local') ON CONFLICT DO NOTHING;
