-- Indexes for the audit search (GET /api/events) and the retention purge, sized for millions of messages.
-- Every search is newest first on (received_at, id); each filter below has an index that starts with it and
-- continues with the time, so a filter plus the keyset cursor reads one index range, on H2 and PostgreSQL.
create index ix_event_message_status on event_message (status, received_at);
create index ix_event_message_event on event_message (event, received_at);
-- The rule filter: messages that a rule matched (or failed on) in a time range.
create index ix_rule_decision_rule_outcome on rule_decision (rule_key, outcome, decided_at);
create index ix_rule_decision_decided_at on rule_decision (decided_at);
-- The delivery-outcome filters (status=delivered|dead|..., with or without a rule) and per-rule statistics.
create index ix_delivery_rule_status on delivery (rule_key, status, created_at);
create index ix_delivery_status_created_at on delivery (status, created_at);
create index ix_delivery_created_at on delivery (created_at);
create index ix_delivery_attempt_attempted_at on delivery_attempt (attempted_at);

-- Who changed which setting or account, or purged whose data, when, and the change itself (a JSON diff).
-- Rule changes are not copied here: rule_version already keeps each version with who and when.
create table config_change (
    id         uuid                     not null,
    changed_at timestamp with time zone not null,
    changed_by varchar(100)             not null,
    kind       varchar(16)              not null,
    subject    varchar(1024)            not null,
    action     varchar(32)              not null,
    diff       varchar(100000),
    constraint pk_config_change primary key (id)
);

create index ix_config_change_changed_at on config_change (changed_at);
