-- The retry budget of a delivery (maximum age, maximum attempts) starts when it first became due, not when
-- its message arrived, so a delivery delayed by hours still gets its full budget; a delivery re-queued from
-- the dead letters (POST /api/deliveries/{id}/retry) starts a fresh one. attempts keeps counting every call
-- ever made, so the attempt log stays numbered in order; requeue_attempts is what it was at the re-queue.
alter table delivery add column retry_budget_from timestamp with time zone;
alter table delivery add column requeue_attempts integer default 0 not null;
