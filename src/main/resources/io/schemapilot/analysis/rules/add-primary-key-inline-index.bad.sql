-- Builds the index (and sets id NOT NULL) under ACCESS EXCLUSIVE.
ALTER TABLE accounts ADD PRIMARY KEY (id);
