CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" text,
	"device_id" text,
	"event" text NOT NULL,
	"ip" "inet",
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pairing_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"device_id" text NOT NULL,
	"used" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ai_cache" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "ai_usage" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sync_devices" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sync_rows" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sync_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "triage_results" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "name" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "google_sub" text;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_codes" ADD CONSTRAINT "pairing_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_user_idx" ON "audit_log" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "devices_user_idx" ON "devices" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "refresh_tokens_device_idx" ON "refresh_tokens" USING btree ("device_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_google_sub_idx" ON "users" USING btree ("google_sub");--> statement-breakpoint
CREATE POLICY "own_rows" ON "ai_cache" AS PERMISSIVE FOR ALL TO public USING ("ai_cache"."user_id" = current_setting('brody.user_id', true)) WITH CHECK ("ai_cache"."user_id" = current_setting('brody.user_id', true));--> statement-breakpoint
CREATE POLICY "own_rows" ON "ai_usage" AS PERMISSIVE FOR ALL TO public USING ("ai_usage"."user_id" = current_setting('brody.user_id', true)) WITH CHECK ("ai_usage"."user_id" = current_setting('brody.user_id', true));--> statement-breakpoint
CREATE POLICY "own_rows" ON "sync_devices" AS PERMISSIVE FOR ALL TO public USING ("sync_devices"."user_id" = current_setting('brody.user_id', true)) WITH CHECK ("sync_devices"."user_id" = current_setting('brody.user_id', true));--> statement-breakpoint
CREATE POLICY "own_rows" ON "sync_rows" AS PERMISSIVE FOR ALL TO public USING ("sync_rows"."user_id" = current_setting('brody.user_id', true)) WITH CHECK ("sync_rows"."user_id" = current_setting('brody.user_id', true));--> statement-breakpoint
CREATE POLICY "own_rows" ON "sync_versions" AS PERMISSIVE FOR ALL TO public USING ("sync_versions"."user_id" = current_setting('brody.user_id', true)) WITH CHECK ("sync_versions"."user_id" = current_setting('brody.user_id', true));--> statement-breakpoint
CREATE POLICY "own_rows" ON "triage_results" AS PERMISSIVE FOR ALL TO public USING ("triage_results"."user_id" = current_setting('brody.user_id', true)) WITH CHECK ("triage_results"."user_id" = current_setting('brody.user_id', true));