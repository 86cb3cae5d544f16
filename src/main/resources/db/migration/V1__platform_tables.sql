-- The platform's own tables, apart from Camunda's ACT_* tables. Works on H2 and PostgreSQL.
-- Refused attempts to push work onto townships outside the list (清单之外无属地管理事项).
create table shudi_refusal (
  id            varchar(64)   not null primary key,
  jurisdiction  varchar(32)   not null,
  case_id       varchar(64),
  item_code     varchar(16),
  unit_code     varchar(64),
  reason        varchar(1000) not null,
  refused_at    timestamp     not null
);
create index shudi_refusal_jurisdiction on shudi_refusal (jurisdiction, refused_at);
