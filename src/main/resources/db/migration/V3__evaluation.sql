-- Two-way evaluation (双向互评) and the monthly ranking (月度评价排名). Works on H2 and PostgreSQL.
-- Times are the county's local time (Asia/Shanghai) by the engine clock, as in shudi_refusal.

-- The township rates each department that served a case: 满意 / 基本满意 / 不满意.
-- One rating per case and department (case_id = the case's root process instance).
create table shudi_rating (
  id                  varchar(64)   not null primary key,
  jurisdiction        varchar(32)   not null,
  case_id             varchar(64)   not null,
  process_instance_id varchar(64),
  item_code           varchar(16),
  rater_group         varchar(64),
  rated_group         varchar(64)   not null,
  rated_unit          varchar(64)   not null,
  rating              varchar(32)   not null,
  rating_comment      varchar(1000),
  rated_by            varchar(64),
  rated_at            timestamp     not null,
  -- valid: counts in the ranking; annulled: an appeal against it was upheld (申诉成立)
  status              varchar(16)   not null default 'valid',
  constraint shudi_rating_value check (rating in ('satisfied', 'basically_satisfied', 'dissatisfied')),
  constraint shudi_rating_status check (status in ('valid', 'annulled')),
  constraint shudi_rating_once unique (case_id, rated_group)
);
create index shudi_rating_period on shudi_rating (jurisdiction, rated_at);

-- The department rates the township's call (乡呼县应): justified, complete, within the list.
-- One rating per call and rating department (call_id = the call's root process instance).
create table shudi_call_rating (
  id                  varchar(64)   not null primary key,
  jurisdiction        varchar(32)   not null,
  call_id             varchar(64)   not null,
  process_instance_id varchar(64),
  item_code           varchar(16),
  rater_group         varchar(64)   not null,
  rated_group         varchar(64)   not null,
  rated_unit          varchar(64)   not null,
  justified           boolean       not null,
  complete            boolean       not null,
  within_list         boolean       not null,
  rating_comment      varchar(1000),
  rated_by            varchar(64),
  rated_at            timestamp     not null,
  constraint shudi_call_rating_once unique (call_id, rater_group)
);
create index shudi_call_rating_period on shudi_call_rating (jurisdiction, rated_at);

-- An appeal against a rating by the rated unit, decided by the command centre. Once per rating.
create table shudi_appeal (
  id                  varchar(64)   not null primary key,
  rating_id           varchar(64)   not null,
  jurisdiction        varchar(32)   not null,
  process_instance_id varchar(64),
  appellant_group     varchar(64)   not null,
  appellant_user      varchar(64),
  reason              varchar(2000) not null,
  appealed_at         timestamp     not null,
  -- null while pending; upheld (申诉成立, the rating is annulled) or rejected (申诉不成立)
  decision            varchar(16),
  decision_note       varchar(2000),
  decided_by          varchar(64),
  decided_at          timestamp,
  constraint shudi_appeal_once unique (rating_id),
  constraint shudi_appeal_rating foreign key (rating_id) references shudi_rating (id),
  constraint shudi_appeal_decision check (decision is null or decision in ('upheld', 'rejected'))
);

-- One monthly assessment per county and month; running the month again replaces it.
create table shudi_assessment (
  id                  varchar(64)   not null primary key,
  jurisdiction        varchar(32)   not null,
  period              varchar(7)    not null,
  formula_version     varchar(16)   not null,
  computed_at         timestamp     not null,
  process_instance_id varchar(64),
  export_file         varchar(1000),
  constraint shudi_assessment_once unique (jurisdiction, period)
);

-- One row per unit of the assessment: the month's figures, score, rank and outcome.
create table shudi_assessment_rank (
  assessment_id       varchar(64)   not null,
  unit_code           varchar(64)   not null,
  unit_group          varchar(64)   not null,
  unit_name           varchar(200)  not null,
  unit_type           varchar(16)   not null,
  list_order          integer       not null,
  rank_no             integer,
  score               numeric(8, 2),
  completion_rate     numeric(7, 4),
  satisfaction_rate   numeric(7, 4),
  response_rate       numeric(7, 4),
  tasks_due           integer       not null,
  tasks_on_time       integer       not null,
  calls_due           integer       not null,
  calls_on_time       integer       not null,
  ratings             integer       not null,
  rating_points       numeric(14, 6) not null,
  refusals            integer       not null,
  -- commended (表扬), summoned (约谈) or none
  outcome             varchar(16)   not null,
  primary key (assessment_id, unit_code),
  constraint shudi_assessment_rank_of foreign key (assessment_id) references shudi_assessment (id) on delete cascade,
  constraint shudi_assessment_rank_type check (unit_type in ('department', 'township')),
  constraint shudi_assessment_rank_outcome check (outcome in ('commended', 'summoned', 'none'))
);
