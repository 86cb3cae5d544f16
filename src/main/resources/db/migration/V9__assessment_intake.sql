-- Ranking formula 2026.3 (docs/ranking-formula.md): the intake's rates of the requests dispatched to a unit
-- (docs/intake-rates.md) enter the monthly ranking as 诉求满意率 and 诉求响应率. Rows of earlier versions have no
-- intake figures: 0 dispatches and callbacks, the two rates null (unknown), and they are read as such.
alter table shudi_assessment_rank add column request_satisfaction_rate numeric(7, 4);
alter table shudi_assessment_rank add column request_response_rate numeric(7, 4);
-- the intake's dispatches to the unit in the month, those signed or returned within the three working days
alter table shudi_assessment_rank add column requests_dispatched integer default 0 not null;
alter table shudi_assessment_rank add column requests_answered integer default 0 not null;
-- valid callbacks (requester reached) on the unit's requests, and 满意 + 0.9 × 基本满意 of them
alter table shudi_assessment_rank add column request_callbacks integer default 0 not null;
alter table shudi_assessment_rank add column request_points numeric(14, 6) default 0 not null;
