-- Settings changed on /settings (or PUT /api/settings), on top of the environment: one row per overridden
-- setting; no row means the environment's value is in effect. Secret values (Novu API key, webhook secret) are
-- stored AES-GCM encrypted, never in plain text. ("value" is a reserved word in H2.) Who changed what and when is also in config_change.
create table setting_override (
    name       varchar(100)             not null,
    setting_value varchar(4000)         not null,
    updated_at timestamp with time zone not null,
    updated_by varchar(100)             not null,
    constraint pk_setting_override primary key (name)
);
