-- Every row of legacy_invoices is gone after commit.
DROP TABLE legacy_invoices;
