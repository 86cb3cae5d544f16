-- The enterprises' shared credit files (信用档案), keyed by the unified social credit code. Works on H2 and
-- PostgreSQL. Append-only: nothing is updated or deleted; a correction is a new entry pointing to the entry
-- it corrects. Times are the county's local time (Asia/Shanghai) by the engine clock, as in shudi_refusal.

-- One entry per case (process instance) and step (activity): a joint inspection is entered once
-- (一体录入), however often the job that writes it runs, on however many nodes.
create table shudi_credit_entry (
  id                  varchar(64)    not null primary key,
  credit_code         varchar(18)    not null,
  -- the tenant of the case; null only for an entry whose case the engine did not know
  jurisdiction        varchar(32),
  case_id             varchar(64)    not null,
  step_id             varchar(255)   not null,
  item_code           varchar(16),
  item_name           varchar(200),
  subject_name        varchar(200),
  -- the candidate group of the case's township, e.g. zhangqiu_mingshui
  township_group      varchar(64),
  inspection          varchar(4000),
  findings            varchar(20000),
  rectification       varchar(8000),
  result              varchar(20000),
  -- the joint inspection's hazard count: the largest any unit reported (they inspect the same enterprise)
  hazard_count        integer,
  corrects_entry_id   varchar(64),
  recorded_by         varchar(64),
  recorded_at         timestamp      not null,
  constraint shudi_credit_entry_once unique (case_id, step_id),
  constraint shudi_credit_entry_corrects foreign key (corrects_entry_id) references shudi_credit_entry (id)
);
create index shudi_credit_entry_code on shudi_credit_entry (credit_code, recorded_at);
create index shudi_credit_entry_corrected on shudi_credit_entry (corrects_entry_id);

-- What each unit contributed to an entry: one row per step of the case (which unit recorded what).
create table shudi_credit_contribution (
  entry_id            varchar(64)    not null,
  seq                 integer        not null,
  step_id             varchar(255)   not null,
  step_name           varchar(255),
  unit_group          varchar(64),
  unit_name           varchar(200),
  findings            varchar(8000),
  result              varchar(8000),
  hazard_count        integer,
  hazard_level        varchar(32),
  rectification       varchar(4000),
  recorded_by         varchar(64),
  recorded_at         timestamp,
  primary key (entry_id, seq),
  constraint shudi_credit_contribution_step unique (entry_id, step_id),
  constraint shudi_credit_contribution_of foreign key (entry_id) references shudi_credit_entry (id)
);
create index shudi_credit_contribution_unit on shudi_credit_contribution (unit_group);
