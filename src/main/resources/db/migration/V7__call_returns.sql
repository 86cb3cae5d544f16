-- The command centre's decisions on returned calls (乡呼县应, 复核退回理由), recorded by call.CallReturns when
-- the decision task completes, in the engine's transaction: one row per decision. The monthly ranking counts
-- a decision against the unit the command centre found at fault (fault_unit), township or department.
-- Times are the county's local time by the engine clock, as in the other shudi_* tables. Append-only.
create table shudi_call_return (
  -- the id of the decision task: a decision is recorded once
  id                  varchar(64)    primary key,
  jurisdiction        varchar(32)    not null,
  call_id             varchar(64)    not null,
  township_group      varchar(64),
  department_group    varchar(64),
  -- the return stands (the call ends) or not (the department handles it)
  upheld              boolean        not null,
  -- township, department or none
  fault               varchar(16)    not null,
  -- the unit code of the unit at fault; null when none
  fault_unit          varchar(64),
  decision            varchar(2000),
  decided_by          varchar(64),
  decided_at          timestamp      not null
);
create index shudi_call_return_month on shudi_call_return (jurisdiction, decided_at);
