-- Every message that reaches intake, accepted or not: the audit log starts here.
-- payload holds the message as stored (server fields set, write key removed).
create table event_message (
    id              uuid                     not null,
    source          varchar(100)             not null,
    message_id      varchar(100)             not null,
    type            varchar(16),
    event           varchar(1024),
    user_id         varchar(1024),
    anonymous_id    varchar(1024),
    status          varchar(16)              not null,
    reject_reason   varchar(1000),
    received_at     timestamp with time zone not null,
    event_timestamp timestamp with time zone,
    payload         varchar(1000000)         not null,
    constraint pk_event_message primary key (id)
);

create index ix_event_message_received_at on event_message (received_at);
create index ix_event_message_user_id on event_message (user_id, received_at);
create index ix_event_message_anonymous_id on event_message (anonymous_id, received_at);
create index ix_event_message_message_id on event_message (message_id);

-- messageIds seen per source within the de-duplication window; a redelivered message is acknowledged but
-- not routed again. Rows older than the window are purged and no longer count.
create table message_seen (
    source     varchar(100)             not null,
    message_id varchar(100)             not null,
    seen_at    timestamp with time zone not null,
    constraint pk_message_seen primary key (source, message_id)
);

create index ix_message_seen_seen_at on message_seen (seen_at);

-- Write keys created in Switchboard itself (keys from configuration are never stored). Only a SHA-256 hash
-- and a short hint are kept, so a database dump does not reveal a usable key.
create table source_write_key (
    id         uuid                     not null,
    source     varchar(100)             not null,
    key_hash   varchar(64)              not null,
    key_hint   varchar(16)              not null,
    created_at timestamp with time zone not null,
    revoked_at timestamp with time zone,
    constraint pk_source_write_key primary key (id),
    constraint uq_source_write_key_key_hash unique (key_hash)
);
