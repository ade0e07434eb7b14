-- People who log in to the admin UI and the JSON API. Passwords are stored as delegating-encoder hashes.
create table app_user (
    username      varchar(100)             not null,
    password_hash varchar(200)             not null,
    role          varchar(16)              not null,
    enabled       boolean                  not null,
    created_at    timestamp with time zone not null,
    constraint pk_app_user primary key (username)
);
