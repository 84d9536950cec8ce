-- 'packed' lands after 'delivered' in the enum's sort order.
ALTER TYPE order_status ADD VALUE 'packed';
