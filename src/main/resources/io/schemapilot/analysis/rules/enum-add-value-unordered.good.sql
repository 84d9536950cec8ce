-- Say where the label belongs in the lifecycle.
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'packed' AFTER 'paid';
