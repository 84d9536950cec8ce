-- Also drops every view on customers and the foreign keys of orders, invoices, ... without naming them.
DROP TABLE customers CASCADE;
