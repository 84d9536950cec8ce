-- PostgreSQL 14+: only SHARE UPDATE EXCLUSIVE on the parent; run outside a transaction.
ALTER TABLE measurements DETACH PARTITION measurements_2022 CONCURRENTLY;
