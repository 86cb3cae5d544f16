-- Grid workers (网格员) and their grid (docs/grids.md): one row per user, written by organization.GridWorkers — at
-- start-up for the demo grid workers (the first grid of their township), otherwise when a county assigns one. The
-- grid is a code of jurisdictions/<county>/grids.csv; the table belongs to the organization feature, other
-- features read it through GridWorkers only.
create table shudi_grid_worker (
  -- the Camunda user id of the grid worker
  user_id             varchar(64)    primary key,
  jurisdiction        varchar(32)    not null,
  grid_code           varchar(64)    not null
);
create index shudi_grid_worker_grid on shudi_grid_worker (jurisdiction, grid_code);
