CREATE TABLE invoices (
    id bigserial PRIMARY KEY,
    number text NOT NULL UNIQUE
);
