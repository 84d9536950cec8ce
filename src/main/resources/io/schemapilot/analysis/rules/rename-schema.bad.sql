-- Every query naming billing.* breaks at once.
ALTER SCHEMA billing RENAME TO finance;
