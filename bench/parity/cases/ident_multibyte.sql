-- expect: identifier-too-long
-- note: 32 characters but 64 bytes
CREATE TABLE "éééééééééééééééééééééééééééééééé" (c bigint);
