-- The outbox: one row per Novu call a matched rule makes, written in the intake transaction with its exact
-- request (method, path, body serialized once), transactionId and Idempotency-Key, so a retry, a crash or a
-- replay never changes what is sent.
--   status: pending (due at due_at), sending (claimed until claimed_until), delivered, failed (permanent),
--           dead (gave up after retries), invalid (never sendable; last_error says why), dry_run, cancelled
--   method LOCAL marks work done by Switchboard itself: body {"rule", "within", "userId"} cancels by rule.
create table delivery (
    id                  uuid                     not null,
    event_id            uuid                     not null,
    source              varchar(100)             not null,
    message_id          varchar(100)             not null,
    rule_key            varchar(63)              not null,
    rule_version        integer                  not null,
    action_index        integer                  not null,
    action_type         varchar(32)              not null,
    user_id             varchar(1024),
    method              varchar(8)               not null,
    path                varchar(2048)            not null,
    body                varchar(1000000),
    transaction_id      varchar(255)             not null,
    idempotency_key     varchar(255)             not null,
    status              varchar(16)              not null,
    attempts            integer                  not null,
    created_at          timestamp with time zone not null,
    due_at              timestamp with time zone not null,
    claimed_by          varchar(100),
    claimed_until       timestamp with time zone,
    last_http_status    integer,
    last_error          varchar(2000),
    novu_transaction_id varchar(255),
    finished_at         timestamp with time zone,
    constraint pk_delivery primary key (id)
);

create index ix_delivery_status_due_at on delivery (status, due_at);
create index ix_delivery_event_id on delivery (event_id);
create index ix_delivery_rule_key on delivery (rule_key, created_at);
create index ix_delivery_user_id on delivery (user_id, created_at);
create index ix_delivery_transaction_id on delivery (transaction_id);

-- Every call made for a delivery and what Novu answered.
create table delivery_attempt (
    id               uuid                     not null,
    delivery_id      uuid                     not null,
    attempt          integer                  not null,
    attempted_at     timestamp with time zone not null,
    http_status      integer,
    latency_ms       integer,
    outcome          varchar(16)              not null,
    response_excerpt varchar(2000),
    error            varchar(2000),
    constraint pk_delivery_attempt primary key (id),
    constraint fk_delivery_attempt_delivery foreign key (delivery_id) references delivery (id)
);

create index ix_delivery_attempt_delivery_id on delivery_attempt (delivery_id);
