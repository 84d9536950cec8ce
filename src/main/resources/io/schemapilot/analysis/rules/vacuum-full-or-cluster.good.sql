-- Makes dead space reusable without blocking reads or writes (outside a transaction).
VACUUM (ANALYZE) orders;
