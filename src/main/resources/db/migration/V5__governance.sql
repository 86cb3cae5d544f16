-- Governance of the list (准入 and 动态调整): every version of each county's list, and the townships' written
-- opinions on the proposals. Works on H2 and PostgreSQL. Times are the county's local time (Asia/Shanghai) by
-- the engine clock, as in shudi_refusal.

-- One row per version of a county's list. Version 1 is the catalog.csv the platform shipped with when governance
-- first started; each approved admission or adjustment adds the next one. The newest row is the list in force.
create table shudi_catalog_version (
  jurisdiction        varchar(32)   not null,
  -- 1, 2, 3 … per county, in the order the versions came into force
  version_no          integer       not null,
  -- the header comment 版本 of the CSV (e.g. 2024.2)
  version_label       varchar(40)   not null,
  effective_date      date          not null,
  -- the whole list as catalog.csv text, written by the catalog's CSV writer; what analysts commit
  csv_text            text          not null,
  -- shipped (the repository's catalog.csv), admission (准入) or adjustment (动态调整)
  kind                varchar(16)   not null,
  -- the item admitted or adjusted; null for a shipped list
  item_code           varchar(16),
  -- the governance case (process instance) that decided it; null for a shipped list
  case_id             varchar(64),
  -- the establishment office's user who approved it; null for a shipped list
  decided_by          varchar(64),
  -- the deployment of the item's generated blueprint
  deployment_id       varchar(64),
  recorded_at         timestamp     not null,
  primary key (jurisdiction, version_no),
  constraint shudi_catalog_version_label unique (jurisdiction, version_label),
  constraint shudi_catalog_version_kind check (kind in ('shipped', 'admission', 'adjustment'))
);

-- The written consultation of the townships (书面征求意见): one row per governance case and township, written
-- when the township answers, or when the deadline passes without an answer (silent: 逾期未反馈视为无意见).
create table shudi_governance_opinion (
  case_id             varchar(64)   not null,
  jurisdiction        varchar(32)   not null,
  township_group      varchar(64)   not null,
  -- agree (同意), no_opinion (无意见), object (有异议) or silent (逾期未反馈，视为无意见)
  opinion             varchar(16)   not null,
  opinion_comment     varchar(2000),
  answered_by         varchar(64),
  answered_at         timestamp     not null,
  primary key (case_id, township_group),
  constraint shudi_governance_opinion_value check (opinion in ('agree', 'no_opinion', 'object', 'silent'))
);
create index shudi_governance_opinion_jurisdiction on shudi_governance_opinion (jurisdiction, answered_at);
