CREATE TABLE customers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL CHECK (char_length(email) <= 255),
    country_code text NOT NULL CHECK (country_code ~ '^[A-Z]{2}$')
);
