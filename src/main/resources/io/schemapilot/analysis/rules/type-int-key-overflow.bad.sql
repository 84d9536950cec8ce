CREATE TABLE invoices (
    id serial PRIMARY KEY,
    customer_id bigint NOT NULL,
    total_cents bigint NOT NULL
);
