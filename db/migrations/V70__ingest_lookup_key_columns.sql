-- Intake speed (issue #4): the ids senders make at random (messageId, userId, anonymousId) and the outbox's
-- transactionId are indexed by a 64-bit key of the id (the first 8 bytes of its SHA-256, LookupKeys) instead of
-- the id itself. Every stored row adds an entry at a random place of each such index; H2 writes each index page a
-- commit changed again, and a page of 8-byte keys is a fraction of a page of 24- to 60-character ids. Lookups
-- compare the id as well, so ids that share a key never mix. V71 fills the keys of rows stored before this
-- migration, V72 swaps the indexes.
alter table event_message add column message_key bigint;
alter table event_message add column user_key bigint;
alter table event_message add column anonymous_key bigint;
alter table delivery add column user_key bigint;
alter table delivery add column transaction_key bigint;
