-- forbid: add-foreign-key-validating
CREATE TABLE payments (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id));
