-- The load run's `--schema minimal` (load/README.md), never a real migration: every secondary index of intake's
-- tables dropped except de-duplication's unique index. What is left is the least the architecture's one transaction
-- writes (the message, its decisions and outbox rows, and the messageId lookup), so `/v1/batch` on this schema is an
-- upper bound for intake against its storage floor. For intake phases only: without the outbox's indexes
-- dispatch's claim reads the whole outbox for every due row.
drop index ix_event_message_received_at;
drop index ix_event_message_status;
drop index ix_event_message_event;
drop index ix_event_message_user_key;
drop index ix_event_message_anonymous_key;
drop index ix_rule_decision_event_id;
drop index ix_rule_decision_rule_outcome;
drop index ix_rule_decision_decided_at;
drop index ix_delivery_status_due_at;
drop index ix_delivery_event_id;
drop index ix_delivery_user_key;
drop index ix_delivery_transaction_key;
drop index ix_delivery_rule_status;
drop index ix_delivery_status_created_at;
drop index ix_delivery_created_at;
