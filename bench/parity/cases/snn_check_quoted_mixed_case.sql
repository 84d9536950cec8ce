-- forbid: set-not-null-full-scan
ALTER TABLE "Users" ADD CONSTRAINT "Users_Email_nn" CHECK ("Email" IS NOT NULL) NOT VALID;
ALTER TABLE "Users" VALIDATE CONSTRAINT "Users_Email_nn";
ALTER TABLE "Users" ALTER COLUMN "Email" SET NOT NULL;
