-- Running application instances still select users.email and fail after this.
ALTER TABLE users RENAME COLUMN email TO email_address;
