-- Every change to an account (created, role changed, enabled, disabled, password changed): who did it and when.
-- Rule changes are recorded by rule_version; this is the same record for people.
create table user_change (
    id         uuid                     not null,
    username   varchar(100)             not null,
    change     varchar(200)             not null,
    changed_by varchar(100)             not null,
    changed_at timestamp with time zone not null,
    constraint pk_user_change primary key (id)
);

create index ix_user_change_changed_at on user_change (changed_at);
