-- forbid: enum-add-value-unordered
ALTER TYPE order_status ADD VALUE 'draft' BEFORE 'new';
