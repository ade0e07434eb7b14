-- What each rule said about a message at the moment of receipt, with the rule version and the explanation.
create table rule_decision (
    id           uuid                     not null,
    event_id     uuid                     not null,
    rule_key     varchar(63)              not null,
    rule_version integer                  not null,
    outcome      varchar(16)              not null,
    error        varchar(2000),
    trace        varchar(1000000),
    decided_at   timestamp with time zone not null,
    constraint pk_rule_decision primary key (id)
);

create index ix_rule_decision_event_id on rule_decision (event_id);
create index ix_rule_decision_rule_key on rule_decision (rule_key, decided_at);
