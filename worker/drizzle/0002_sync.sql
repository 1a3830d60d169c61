CREATE TABLE "sync_devices" (
	"user_id" text NOT NULL,
	"device_id" text NOT NULL,
	"last_mutation_id" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_devices_user_id_device_id_pk" PRIMARY KEY("user_id","device_id")
);
--> statement-breakpoint
CREATE TABLE "sync_rows" (
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"row_id" text NOT NULL,
	"values" jsonb NOT NULL,
	"versions" jsonb NOT NULL,
	"seq" bigint NOT NULL,
	CONSTRAINT "sync_rows_user_id_kind_row_id_pk" PRIMARY KEY("user_id","kind","row_id")
);
--> statement-breakpoint
CREATE TABLE "sync_versions" (
	"user_id" text PRIMARY KEY NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sync_devices" ADD CONSTRAINT "sync_devices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_rows" ADD CONSTRAINT "sync_rows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_versions" ADD CONSTRAINT "sync_versions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sync_rows_user_seq_idx" ON "sync_rows" USING btree ("user_id","seq");