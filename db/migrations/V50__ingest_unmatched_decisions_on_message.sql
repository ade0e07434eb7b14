-- Intake speed (issue #4): intake costs about the same for each row and each index entry it writes. A message is
-- checked against about 4.4 rules, and until now each of those rules got its own rule_decision row (5 index
-- entries and a trace), although most of them did not match. From now on the rules that did not match are kept
-- together on the message row, as one JSON array:
--   [{"rule": key, "version": n, "trace": <the explanation, as rule_decision.trace holds it>}, ...]
-- null when no rule was left out. Matched and error decisions keep their rule_decision rows, because the audit
-- search by rule and the per-rule statistics read them. Older messages keep their not_matched rows; readers
-- accept both layouts. The column goes when its message goes (retention, the purge of a user's data).
alter table event_message add column unmatched_decisions varchar(1000000);

-- Two indexes that another index covers; each one costs every insert.
--
-- ix_rule_decision_rule_key (rule_key, decided_at) is covered by ix_rule_decision_rule_outcome (rule_key,
-- outcome, decided_at). Every query on rule_decision in src/main, with the index it reads:
--   EventLog search, rule filter: rule_key = ? and outcome in ('matched', 'error') and decided_at range
--     -> ix_rule_decision_rule_outcome (H2 already chose it while both existed)
--   RuleStats series of one rule: outcome = 'matched' and rule_key = ? and decided_at range
--     -> ix_rule_decision_rule_outcome, all three columns
--   RuleStats overview, RuleFires, TrafficFigures busiest rules: outcome = 'matched' and decided_at >= ?
--     -> ix_rule_decision_decided_at
--   EventLog matchedRules and decisions, UserDataPurge, RetentionPurge by message: event_id
--     -> ix_rule_decision_event_id
--   RetentionPurge by age: decided_at < ? -> ix_rule_decision_decided_at
-- None filters on rule_key without the outcome.
--
-- ix_delivery_rule_key (rule_key, created_at) is covered by ix_delivery_rule_status (rule_key, status,
-- created_at). Every query on delivery in src/main that filters on rule_key:
--   DeliveryStore cancel by rule: rule_key, user_id, status = 'pending' or 'delivered', created_at range
--     -> ix_delivery_rule_status on all three columns (or ix_delivery_user_id)
--   EventLog search, delivery status with a rule: status = ? and rule_key = ? and created_at range
--     -> ix_delivery_rule_status, all three columns
--   RuleStats series of one rule: rule_key = ? and status in (...) and created_at range
--     -> ix_delivery_rule_status (PostgreSQL uses the status list in the index, H2 rule_key and created_at)
--   DeliveryStore find/count/groups (the deliveries page and API) with a rule: rule_key = ? plus optional
--     status, user and time -> ix_delivery_rule_status by its rule_key prefix. Newest first by rule only:
--     H2 sorted the rule's rows with the old index too; PostgreSQL reads ix_delivery_created_at backwards for
--     a busy rule or sorts the few rows of a quiet one, and the page's count reads the whole rule anyway.
-- The other delivery queries (dispatch claim, retention, statistics without a rule) never used rule_key.
drop index ix_rule_decision_rule_key;
drop index ix_delivery_rule_key;
