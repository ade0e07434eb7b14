-- A delivery re-queued from the dead letters (POST /api/deliveries/{id}/retry) gets a fresh retry budget:
-- its maximum age counts from requeued_at and its attempts from requeue_attempts (the attempts made before),
-- while attempts keeps counting every call ever made, so the attempt log stays numbered in order.
alter table delivery add column requeued_at timestamp with time zone;
alter table delivery add column requeue_attempts integer default 0 not null;
