-- Queues every read and write of orders behind the ACCESS EXCLUSIVE lock.
DROP INDEX orders_status_idx;
