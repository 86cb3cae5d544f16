-- 诉求受理·研判派单 (intake, issue 18): the command centre's front door. Written by intake only, in the engine's
-- transaction, when the step that decides each fact completes (登记诉求, 研判派单, 签收派单, 复核退单, 办理结果,
-- 回访). Times are the county's local time by the engine clock, as in the other shudi_* tables.

-- One request (诉求): what was asked, by whom, where. The contact (personal data) lives here only, never in a
-- process variable: the command centre reads it through the intake API.
create table shudi_intake_request (
  id                  varchar(64)    primary key,
  jurisdiction        varchar(32)    not null,
  -- the intake process instance (shared_intake) that carries the request
  process_instance_id varchar(64)    not null,
  -- enforcement, development, livelihood (执法诉求, 发展诉求, 民生诉求)
  kind                varchar(16)    not null,
  -- hotline, grid, enterprise, township, web
  source              varchar(16)    not null,
  -- the sender's own id of the request (a hotline work-order number); a second request with it is a replay
  external_id         varchar(64),
  text                varchar(2000)  not null,
  contact_name        varchar(60),
  contact_phone       varchar(30),
  -- the township's unit code, the grid as the sender wrote it
  township            varchar(64)    not null,
  grid                varchar(60),
  latitude            double precision,
  longitude           double precision,
  received_at         timestamp      not null,
  received_by         varchar(64),
  -- the list's suggestion when received (研判): the best item, or null when judged outside the list
  suggested_item      varchar(16),
  -- received, dispatched, returned, handling, off_list, duplicate, awaiting_callback, closed
  state               varchar(20)    not null,
  -- set by 研判派单
  item_code           varchar(16),
  primary_unit        varchar(64),
  cooperating_units   varchar(500),
  due_at              timestamp,
  duplicate_of        varchar(64),
  dispatched_at       timestamp,
  -- set when the case (or the department's own work) ends
  case_instance_id    varchar(64),
  outcome             varchar(2000),
  closed_at           timestamp,
  constraint shudi_intake_request_kind check (kind in ('enforcement', 'development', 'livelihood')),
  constraint shudi_intake_request_source check (source in ('hotline', 'grid', 'enterprise', 'township', 'web')),
  constraint shudi_intake_request_once unique (jurisdiction, source, external_id)
);
create index shudi_intake_request_recent on shudi_intake_request (jurisdiction, received_at);
create index shudi_intake_request_process on shudi_intake_request (process_instance_id);

-- The request's photos (images only, size-capped; checked before they are stored).
create table shudi_intake_photo (
  request_id          varchar(64)    not null,
  position            integer        not null,
  content_type        varchar(32)    not null,
  bytes               bytea          not null,
  primary key (request_id, position)
);

-- Each dispatch of a request to a unit (派单) and the unit's answer (签收派单): signed in time, late, or returned
-- (退单) with reason and evidence; the command centre's decision on a return. 响应率 reads this table.
create table shudi_intake_dispatch (
  -- the id of the 研判派单 task that dispatched
  id                  varchar(64)    primary key,
  jurisdiction        varchar(32)    not null,
  request_id          varchar(64)    not null,
  unit                varchar(64)    not null,
  township            varchar(64)    not null,
  dispatched_at       timestamp      not null,
  -- the unit must sign (or return) by then
  sign_due            timestamp      not null,
  -- when the unit signed or returned; null when the time ran out
  answered_at         timestamp,
  -- accepted, returned, lapsed (签收已超时: the work stays the unit's)
  answer              varchar(16),
  return_reason       varchar(2000),
  return_evidence     varchar(2000),
  -- the command centre's decision on a return: true = the return stands, the request is dispatched again
  return_upheld       boolean,
  return_decision     varchar(2000),
  decided_by          varchar(64),
  decided_at          timestamp
);
create index shudi_intake_dispatch_month on shudi_intake_dispatch (jurisdiction, dispatched_at);
create index shudi_intake_dispatch_request on shudi_intake_dispatch (request_id);

-- 回访: the command centre's callback once the case is closed, one row per callback (a 不满意 sends the work back
-- once, so a request has at most two). 解决率 and 满意率 read this table.
create table shudi_intake_callback (
  -- the id of the 回访诉求人 task
  id                  varchar(64)    primary key,
  jurisdiction        varchar(32)    not null,
  request_id          varchar(64)    not null,
  unit                varchar(64)    not null,
  township            varchar(64)    not null,
  -- the requester was reached: only such a callback is valid
  reached             boolean        not null,
  solved              boolean,
  rating              varchar(32),
  comment             varchar(1000),
  recorded_by         varchar(64),
  recorded_at         timestamp      not null,
  constraint shudi_intake_callback_rating check (rating is null
      or rating in ('satisfied', 'basically_satisfied', 'dissatisfied'))
);
create index shudi_intake_callback_month on shudi_intake_callback (jurisdiction, recorded_at);

-- Confirmed dispatches as evidence for the suggestion (研判): a confirmed request's text becomes evidence of its
-- item, replayed into the in-memory index at start-up.
create table shudi_intake_evidence (
  request_id          varchar(64)    primary key,
  jurisdiction        varchar(32)    not null,
  item_code           varchar(16)    not null,
  text                varchar(2000)  not null,
  confirmed_at        timestamp      not null
);
