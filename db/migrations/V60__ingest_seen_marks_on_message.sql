-- Intake speed (issue #4): every accepted message also wrote a message_seen row (its primary key, randomly keyed
-- by messageId, and a seen_at index entry) although the message row itself carries the same source and messageId,
-- indexed for the audit search. The message row now says it is the copy that counts as seen: first_copy is true
-- on the one stored message of a (source, messageId) that de-duplication compares a redelivery with (its
-- received_at is when it was seen), null on every other row (duplicates, rejected messages, a copy whose window
-- ran out). A unique index over (message_id, source, first_copy) both finds it and refuses a second one; the
-- search by messageId uses its first column, so the old messageId index goes. Null is distinct from null in a
-- unique index on H2 and PostgreSQL alike, so any number of duplicates share a messageId.
alter table event_message add column first_copy boolean;

-- The marks so far: the latest routed or no_match copy of each messageId still in message_seen.
update event_message set first_copy = true
where status in ('routed', 'no_match')
  and exists (select 1 from message_seen s
              where s.source = event_message.source and s.message_id = event_message.message_id)
  and not exists (select 1 from event_message later
                  where later.source = event_message.source
                    and later.message_id = event_message.message_id
                    and later.status in ('routed', 'no_match')
                    and (later.received_at > event_message.received_at
                         or (later.received_at = event_message.received_at and later.id > event_message.id)));

create unique index ux_event_message_first_copy on event_message (message_id, source, first_copy);
drop index ix_event_message_message_id;
drop table message_seen;
