-- forbid: identifier-too-long
CREATE TABLE ttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt (c bigint);
