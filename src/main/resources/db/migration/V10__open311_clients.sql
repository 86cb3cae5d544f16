-- Open311 GeoReport v2 (intake, issue 19): the client systems that file requests with an API key, and what each
-- filed under its own request id (the extension parameter client_request_id). Written by intake only.

-- A client system: the key is shown once when issued and stored only as its SHA-256 (hex); revoked keys stay, so a
-- revoked key is told apart from an unknown one in the log, and never works again.
create table shudi_open311_client (
  id                  varchar(32)    primary key,
  name                varchar(100)   not null,
  key_hash            varchar(64)    not null,
  created_at          timestamp      not null,
  created_by          varchar(64)    not null,
  revoked_at          timestamp,
  revoked_by          varchar(64),
  constraint shudi_open311_client_key unique (key_hash)
);

-- A request a client filed under its own id: a replay with the same body (its fingerprint, SHA-256 of the
-- parameters and the media) answers the same request; another body under the same id is refused. Written in the
-- transaction that stores the request.
create table shudi_open311_submission (
  client_id           varchar(32)    not null,
  client_request_id   varchar(64)    not null,
  fingerprint         varchar(64)    not null,
  request_id          varchar(64)    not null,
  received_at         timestamp      not null,
  primary key (client_id, client_request_id)
);
