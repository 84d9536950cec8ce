-- expect: validate-constraint-same-transaction
BEGIN;
ALTER TABLE "Orders" ADD CONSTRAINT "Orders_User_fk" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") NOT VALID;
ALTER TABLE "Orders" VALIDATE CONSTRAINT "Orders_User_fk";
COMMIT;
