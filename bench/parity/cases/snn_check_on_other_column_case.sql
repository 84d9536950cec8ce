-- expect: set-not-null-full-scan
-- note: the CHECK is on column email, the SET NOT NULL on "Email" (another column)
ALTER TABLE "Users" ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE "Users" VALIDATE CONSTRAINT users_email_nn;
ALTER TABLE "Users" ALTER COLUMN "Email" SET NOT NULL;
