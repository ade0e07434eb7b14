-- The indexes of migration 70's lookup keys (LookupKeyMigration, in Java: it added the columns and filled them in)
-- replace those of the ids. Every query that read an index below now names the key and the id
-- (e.user_key = ? and e.user_id = ?), and orders by the key where it ordered by the id, so the same index range is
-- read in the same order.
alter table event_message alter column message_key set not null;
alter table delivery alter column transaction_key set not null;

-- De-duplication (V60): the copy of a messageId that counts as seen, found and kept unique by its key. Two
-- different messageIds of a source sharing a key cannot both hold the mark; intake then stores the second without
-- it (SeenMessages), so it is routed like any new message.
create unique index ux_event_message_message_key on event_message (message_key, source, first_copy);
drop index ux_event_message_first_copy;

create index ix_event_message_user_key on event_message (user_key, received_at);
drop index ix_event_message_user_id;
create index ix_event_message_anonymous_key on event_message (anonymous_key, received_at);
drop index ix_event_message_anonymous_id;

create index ix_delivery_user_key on delivery (user_key, created_at);
drop index ix_delivery_user_id;
create index ix_delivery_transaction_key on delivery (transaction_key);
drop index ix_delivery_transaction_id;
