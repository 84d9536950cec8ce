-- Code that still writes 'pending' fails after this.
ALTER TYPE order_status RENAME VALUE 'pending' TO 'awaiting_payment';
