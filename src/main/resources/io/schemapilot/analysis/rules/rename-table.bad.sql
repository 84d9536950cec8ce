-- Everything still querying "customers" fails after this commits.
ALTER TABLE customers RENAME TO accounts;
