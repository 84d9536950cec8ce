-- Add the new label; code moves over; the old label is backfilled away later.
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'awaiting_payment' AFTER 'pending';
