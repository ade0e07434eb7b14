-- Where the values masked in the message (switchboard.ingest.mask-paths) sit in this delivery's request body,
-- as JSON pointers, one per line. Dispatch reads those values from the body it is about to send and removes
-- them from Novu's answer and the dry-run record before the attempt is stored.
alter table delivery add column mask_pointers varchar(4000);
