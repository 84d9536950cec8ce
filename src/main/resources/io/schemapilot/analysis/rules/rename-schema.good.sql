-- Move objects to the new schema one at a time, keeping the old name readable.
CREATE SCHEMA finance;
ALTER TABLE billing.invoices SET SCHEMA finance;
CREATE VIEW billing.invoices AS SELECT * FROM finance.invoices;
