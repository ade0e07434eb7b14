-- A rule by key. Its published versions are immutable rows of rule_version; the draft is separate and may be
-- ahead of the published version. A deleted rule keeps its history (deleted_at set).
create table routing_rule (
    rule_key          varchar(63)              not null,
    draft             varchar(1000000),
    draft_updated_at  timestamp with time zone,
    draft_updated_by  varchar(100),
    published_version integer,
    created_at        timestamp with time zone not null,
    created_by        varchar(100)             not null,
    updated_at        timestamp with time zone not null,
    updated_by        varchar(100)             not null,
    deleted_at        timestamp with time zone,
    constraint pk_routing_rule primary key (rule_key)
);

create table rule_version (
    rule_key   varchar(63)              not null,
    version    integer                  not null,
    definition varchar(1000000)         not null,
    created_at timestamp with time zone not null,
    created_by varchar(100)             not null,
    change     varchar(200)             not null,
    constraint pk_rule_version primary key (rule_key, version),
    constraint fk_rule_version_routing_rule foreign key (rule_key) references routing_rule (rule_key)
);

-- Bumped by every publish; each instance polls it and rebuilds its in-memory snapshot when it moves.
create table rule_catalog_revision (
    id         integer                  not null,
    revision   bigint                   not null,
    changed_at timestamp with time zone not null,
    constraint pk_rule_catalog_revision primary key (id)
);

insert into rule_catalog_revision (id, revision, changed_at) values (1, 0, current_timestamp);
