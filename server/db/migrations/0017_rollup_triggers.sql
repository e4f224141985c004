-- Rollups kept in the write path (issue 16): statement-level triggers add what each INSERT, UPDATE or
-- DELETE changes to the per-node counts, in the same transaction, aggregated per statement (a batch
-- of reports is one upsert per node) and in key order, so that two writers lock rollup rows in the
-- same order. Then the counts of the records already there. Written by hand: drizzle-kit does not
-- generate functions or triggers.
CREATE FUNCTION event_rollups_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO event_rollups AS r (city_id, node_id, event_type_id, total, open, reported, dispatching, dispatched, handling, checking, closed, evaluated, rejected, to_dispatch, dispatched_any, dispatched_on_time, dispatched_accurately, to_handle, handled, handled_on_time, due, closed_any, closed_on_time, reworked, rated, satisfied)
    SELECT city_id, node_id, event_type_id, sum(sign),
      sum(CASE WHEN stage IN ('reported', 'dispatching', 'dispatched', 'handling', 'checking') THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'reported' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'dispatching' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'dispatched' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'handling' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'checking' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'closed' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'evaluated' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'rejected' THEN sign ELSE 0 END),
      sum(CASE WHEN dispatched_at IS NOT NULL OR dispatch_late THEN sign ELSE 0 END),
      sum(CASE WHEN dispatched_at IS NOT NULL THEN sign ELSE 0 END),
      sum(CASE WHEN dispatched_at IS NOT NULL AND NOT dispatch_late THEN sign ELSE 0 END),
      sum(CASE WHEN dispatched_at IS NOT NULL AND reroute_count = 0 THEN sign ELSE 0 END),
      sum(CASE WHEN handled_at IS NOT NULL OR handle_late THEN sign ELSE 0 END),
      sum(CASE WHEN handled_at IS NOT NULL THEN sign ELSE 0 END),
      sum(CASE WHEN handled_at IS NOT NULL AND NOT handle_late THEN sign ELSE 0 END),
      sum(CASE WHEN closed_at IS NOT NULL OR closed_late THEN sign ELSE 0 END),
      sum(CASE WHEN closed_at IS NOT NULL THEN sign ELSE 0 END),
      sum(CASE WHEN closed_at IS NOT NULL AND NOT closed_late THEN sign ELSE 0 END),
      sum(CASE WHEN rework_count > 0 THEN sign ELSE 0 END),
      sum(CASE WHEN rating IS NOT NULL THEN sign ELSE 0 END),
      sum(CASE WHEN rating IN ('satisfied', 'basic') THEN sign ELSE 0 END)
    FROM (SELECT t.*, 1 AS sign FROM new_rows t WHERE t.deleted_at IS NULL) c
    GROUP BY city_id, node_id, event_type_id
    ORDER BY node_id, event_type_id
    ON CONFLICT (node_id, event_type_id) DO UPDATE SET total = r.total + excluded.total, open = r.open + excluded.open, reported = r.reported + excluded.reported, dispatching = r.dispatching + excluded.dispatching, dispatched = r.dispatched + excluded.dispatched, handling = r.handling + excluded.handling, checking = r.checking + excluded.checking, closed = r.closed + excluded.closed, evaluated = r.evaluated + excluded.evaluated, rejected = r.rejected + excluded.rejected, to_dispatch = r.to_dispatch + excluded.to_dispatch, dispatched_any = r.dispatched_any + excluded.dispatched_any, dispatched_on_time = r.dispatched_on_time + excluded.dispatched_on_time, dispatched_accurately = r.dispatched_accurately + excluded.dispatched_accurately, to_handle = r.to_handle + excluded.to_handle, handled = r.handled + excluded.handled, handled_on_time = r.handled_on_time + excluded.handled_on_time, due = r.due + excluded.due, closed_any = r.closed_any + excluded.closed_any, closed_on_time = r.closed_on_time + excluded.closed_on_time, reworked = r.reworked + excluded.reworked, rated = r.rated + excluded.rated, satisfied = r.satisfied + excluded.satisfied;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION event_rollups_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO event_rollups AS r (city_id, node_id, event_type_id, total, open, reported, dispatching, dispatched, handling, checking, closed, evaluated, rejected, to_dispatch, dispatched_any, dispatched_on_time, dispatched_accurately, to_handle, handled, handled_on_time, due, closed_any, closed_on_time, reworked, rated, satisfied)
    SELECT city_id, node_id, event_type_id, sum(sign),
      sum(CASE WHEN stage IN ('reported', 'dispatching', 'dispatched', 'handling', 'checking') THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'reported' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'dispatching' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'dispatched' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'handling' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'checking' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'closed' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'evaluated' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'rejected' THEN sign ELSE 0 END),
      sum(CASE WHEN dispatched_at IS NOT NULL OR dispatch_late THEN sign ELSE 0 END),
      sum(CASE WHEN dispatched_at IS NOT NULL THEN sign ELSE 0 END),
      sum(CASE WHEN dispatched_at IS NOT NULL AND NOT dispatch_late THEN sign ELSE 0 END),
      sum(CASE WHEN dispatched_at IS NOT NULL AND reroute_count = 0 THEN sign ELSE 0 END),
      sum(CASE WHEN handled_at IS NOT NULL OR handle_late THEN sign ELSE 0 END),
      sum(CASE WHEN handled_at IS NOT NULL THEN sign ELSE 0 END),
      sum(CASE WHEN handled_at IS NOT NULL AND NOT handle_late THEN sign ELSE 0 END),
      sum(CASE WHEN closed_at IS NOT NULL OR closed_late THEN sign ELSE 0 END),
      sum(CASE WHEN closed_at IS NOT NULL THEN sign ELSE 0 END),
      sum(CASE WHEN closed_at IS NOT NULL AND NOT closed_late THEN sign ELSE 0 END),
      sum(CASE WHEN rework_count > 0 THEN sign ELSE 0 END),
      sum(CASE WHEN rating IS NOT NULL THEN sign ELSE 0 END),
      sum(CASE WHEN rating IN ('satisfied', 'basic') THEN sign ELSE 0 END)
    FROM (SELECT t.*, 1 AS sign FROM new_rows t WHERE t.deleted_at IS NULL UNION ALL SELECT t.*, -1 AS sign FROM old_rows t WHERE t.deleted_at IS NULL) c
    GROUP BY city_id, node_id, event_type_id
    ORDER BY node_id, event_type_id
    ON CONFLICT (node_id, event_type_id) DO UPDATE SET total = r.total + excluded.total, open = r.open + excluded.open, reported = r.reported + excluded.reported, dispatching = r.dispatching + excluded.dispatching, dispatched = r.dispatched + excluded.dispatched, handling = r.handling + excluded.handling, checking = r.checking + excluded.checking, closed = r.closed + excluded.closed, evaluated = r.evaluated + excluded.evaluated, rejected = r.rejected + excluded.rejected, to_dispatch = r.to_dispatch + excluded.to_dispatch, dispatched_any = r.dispatched_any + excluded.dispatched_any, dispatched_on_time = r.dispatched_on_time + excluded.dispatched_on_time, dispatched_accurately = r.dispatched_accurately + excluded.dispatched_accurately, to_handle = r.to_handle + excluded.to_handle, handled = r.handled + excluded.handled, handled_on_time = r.handled_on_time + excluded.handled_on_time, due = r.due + excluded.due, closed_any = r.closed_any + excluded.closed_any, closed_on_time = r.closed_on_time + excluded.closed_on_time, reworked = r.reworked + excluded.reworked, rated = r.rated + excluded.rated, satisfied = r.satisfied + excluded.satisfied;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION event_rollups_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO event_rollups AS r (city_id, node_id, event_type_id, total, open, reported, dispatching, dispatched, handling, checking, closed, evaluated, rejected, to_dispatch, dispatched_any, dispatched_on_time, dispatched_accurately, to_handle, handled, handled_on_time, due, closed_any, closed_on_time, reworked, rated, satisfied)
    SELECT city_id, node_id, event_type_id, sum(sign),
      sum(CASE WHEN stage IN ('reported', 'dispatching', 'dispatched', 'handling', 'checking') THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'reported' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'dispatching' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'dispatched' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'handling' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'checking' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'closed' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'evaluated' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'rejected' THEN sign ELSE 0 END),
      sum(CASE WHEN dispatched_at IS NOT NULL OR dispatch_late THEN sign ELSE 0 END),
      sum(CASE WHEN dispatched_at IS NOT NULL THEN sign ELSE 0 END),
      sum(CASE WHEN dispatched_at IS NOT NULL AND NOT dispatch_late THEN sign ELSE 0 END),
      sum(CASE WHEN dispatched_at IS NOT NULL AND reroute_count = 0 THEN sign ELSE 0 END),
      sum(CASE WHEN handled_at IS NOT NULL OR handle_late THEN sign ELSE 0 END),
      sum(CASE WHEN handled_at IS NOT NULL THEN sign ELSE 0 END),
      sum(CASE WHEN handled_at IS NOT NULL AND NOT handle_late THEN sign ELSE 0 END),
      sum(CASE WHEN closed_at IS NOT NULL OR closed_late THEN sign ELSE 0 END),
      sum(CASE WHEN closed_at IS NOT NULL THEN sign ELSE 0 END),
      sum(CASE WHEN closed_at IS NOT NULL AND NOT closed_late THEN sign ELSE 0 END),
      sum(CASE WHEN rework_count > 0 THEN sign ELSE 0 END),
      sum(CASE WHEN rating IS NOT NULL THEN sign ELSE 0 END),
      sum(CASE WHEN rating IN ('satisfied', 'basic') THEN sign ELSE 0 END)
    FROM (SELECT t.*, -1 AS sign FROM old_rows t WHERE t.deleted_at IS NULL) c
    GROUP BY city_id, node_id, event_type_id
    ORDER BY node_id, event_type_id
    ON CONFLICT (node_id, event_type_id) DO UPDATE SET total = r.total + excluded.total, open = r.open + excluded.open, reported = r.reported + excluded.reported, dispatching = r.dispatching + excluded.dispatching, dispatched = r.dispatched + excluded.dispatched, handling = r.handling + excluded.handling, checking = r.checking + excluded.checking, closed = r.closed + excluded.closed, evaluated = r.evaluated + excluded.evaluated, rejected = r.rejected + excluded.rejected, to_dispatch = r.to_dispatch + excluded.to_dispatch, dispatched_any = r.dispatched_any + excluded.dispatched_any, dispatched_on_time = r.dispatched_on_time + excluded.dispatched_on_time, dispatched_accurately = r.dispatched_accurately + excluded.dispatched_accurately, to_handle = r.to_handle + excluded.to_handle, handled = r.handled + excluded.handled, handled_on_time = r.handled_on_time + excluded.handled_on_time, due = r.due + excluded.due, closed_any = r.closed_any + excluded.closed_any, closed_on_time = r.closed_on_time + excluded.closed_on_time, reworked = r.reworked + excluded.reworked, rated = r.rated + excluded.rated, satisfied = r.satisfied + excluded.satisfied;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER event_rollups_insert AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_rollups_on_insert();
--> statement-breakpoint
CREATE TRIGGER event_rollups_update AFTER UPDATE ON events REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_rollups_on_update();
--> statement-breakpoint
CREATE TRIGGER event_rollups_delete AFTER DELETE ON events REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_rollups_on_delete();
--> statement-breakpoint
INSERT INTO event_rollups AS r (city_id, node_id, event_type_id, total, open, reported, dispatching, dispatched, handling, checking, closed, evaluated, rejected, to_dispatch, dispatched_any, dispatched_on_time, dispatched_accurately, to_handle, handled, handled_on_time, due, closed_any, closed_on_time, reworked, rated, satisfied)
    SELECT city_id, node_id, event_type_id, sum(sign),
      sum(CASE WHEN stage IN ('reported', 'dispatching', 'dispatched', 'handling', 'checking') THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'reported' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'dispatching' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'dispatched' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'handling' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'checking' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'closed' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'evaluated' THEN sign ELSE 0 END),
      sum(CASE WHEN stage = 'rejected' THEN sign ELSE 0 END),
      sum(CASE WHEN dispatched_at IS NOT NULL OR dispatch_late THEN sign ELSE 0 END),
      sum(CASE WHEN dispatched_at IS NOT NULL THEN sign ELSE 0 END),
      sum(CASE WHEN dispatched_at IS NOT NULL AND NOT dispatch_late THEN sign ELSE 0 END),
      sum(CASE WHEN dispatched_at IS NOT NULL AND reroute_count = 0 THEN sign ELSE 0 END),
      sum(CASE WHEN handled_at IS NOT NULL OR handle_late THEN sign ELSE 0 END),
      sum(CASE WHEN handled_at IS NOT NULL THEN sign ELSE 0 END),
      sum(CASE WHEN handled_at IS NOT NULL AND NOT handle_late THEN sign ELSE 0 END),
      sum(CASE WHEN closed_at IS NOT NULL OR closed_late THEN sign ELSE 0 END),
      sum(CASE WHEN closed_at IS NOT NULL THEN sign ELSE 0 END),
      sum(CASE WHEN closed_at IS NOT NULL AND NOT closed_late THEN sign ELSE 0 END),
      sum(CASE WHEN rework_count > 0 THEN sign ELSE 0 END),
      sum(CASE WHEN rating IS NOT NULL THEN sign ELSE 0 END),
      sum(CASE WHEN rating IN ('satisfied', 'basic') THEN sign ELSE 0 END)
    FROM (SELECT t.*, 1 AS sign FROM events t WHERE t.deleted_at IS NULL) c
    GROUP BY city_id, node_id, event_type_id
    ORDER BY node_id, event_type_id
    ON CONFLICT (node_id, event_type_id) DO UPDATE SET total = r.total + excluded.total, open = r.open + excluded.open, reported = r.reported + excluded.reported, dispatching = r.dispatching + excluded.dispatching, dispatched = r.dispatched + excluded.dispatched, handling = r.handling + excluded.handling, checking = r.checking + excluded.checking, closed = r.closed + excluded.closed, evaluated = r.evaluated + excluded.evaluated, rejected = r.rejected + excluded.rejected, to_dispatch = r.to_dispatch + excluded.to_dispatch, dispatched_any = r.dispatched_any + excluded.dispatched_any, dispatched_on_time = r.dispatched_on_time + excluded.dispatched_on_time, dispatched_accurately = r.dispatched_accurately + excluded.dispatched_accurately, to_handle = r.to_handle + excluded.to_handle, handled = r.handled + excluded.handled, handled_on_time = r.handled_on_time + excluded.handled_on_time, due = r.due + excluded.due, closed_any = r.closed_any + excluded.closed_any, closed_on_time = r.closed_on_time + excluded.closed_on_time, reworked = r.reworked + excluded.reworked, rated = r.rated + excluded.rated, satisfied = r.satisfied + excluded.satisfied;
--> statement-breakpoint
CREATE FUNCTION problem_rollups_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO problem_rollups AS r (city_id, node_id, total, open, closed, due, closed_on_time, overdue, handled, reworked)
    SELECT city_id, node_id, sum(CASE WHEN status NOT IN ('dismissed', 'merged') THEN sign ELSE 0 END),
      sum(CASE WHEN status IN ('registered', 'assigned', 'rectifying', 'submitted', 'returned') THEN sign ELSE 0 END),
      sum(CASE WHEN status = 'closed' THEN sign ELSE 0 END),
      sum(CASE WHEN status NOT IN ('dismissed', 'merged') AND (status = 'closed' OR (status IN ('assigned', 'rectifying', 'returned', 'submitted') AND light = 'red')) THEN sign ELSE 0 END),
      sum(CASE WHEN status = 'closed' AND closed_on_time THEN sign ELSE 0 END),
      sum(CASE WHEN status IN ('assigned', 'rectifying', 'returned', 'submitted') AND light = 'red' THEN sign ELSE 0 END),
      sum(CASE WHEN status NOT IN ('dismissed', 'merged') AND first_submitted_at IS NOT NULL THEN sign ELSE 0 END),
      sum(CASE WHEN status NOT IN ('dismissed', 'merged') AND first_submitted_at IS NOT NULL AND rework_count > 0 THEN sign ELSE 0 END)
    FROM (SELECT t.*, 1 AS sign FROM new_rows t WHERE t.deleted_at IS NULL) c
    GROUP BY city_id, node_id
    ORDER BY node_id
    ON CONFLICT (node_id) DO UPDATE SET total = r.total + excluded.total, open = r.open + excluded.open, closed = r.closed + excluded.closed, due = r.due + excluded.due, closed_on_time = r.closed_on_time + excluded.closed_on_time, overdue = r.overdue + excluded.overdue, handled = r.handled + excluded.handled, reworked = r.reworked + excluded.reworked;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION problem_rollups_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO problem_rollups AS r (city_id, node_id, total, open, closed, due, closed_on_time, overdue, handled, reworked)
    SELECT city_id, node_id, sum(CASE WHEN status NOT IN ('dismissed', 'merged') THEN sign ELSE 0 END),
      sum(CASE WHEN status IN ('registered', 'assigned', 'rectifying', 'submitted', 'returned') THEN sign ELSE 0 END),
      sum(CASE WHEN status = 'closed' THEN sign ELSE 0 END),
      sum(CASE WHEN status NOT IN ('dismissed', 'merged') AND (status = 'closed' OR (status IN ('assigned', 'rectifying', 'returned', 'submitted') AND light = 'red')) THEN sign ELSE 0 END),
      sum(CASE WHEN status = 'closed' AND closed_on_time THEN sign ELSE 0 END),
      sum(CASE WHEN status IN ('assigned', 'rectifying', 'returned', 'submitted') AND light = 'red' THEN sign ELSE 0 END),
      sum(CASE WHEN status NOT IN ('dismissed', 'merged') AND first_submitted_at IS NOT NULL THEN sign ELSE 0 END),
      sum(CASE WHEN status NOT IN ('dismissed', 'merged') AND first_submitted_at IS NOT NULL AND rework_count > 0 THEN sign ELSE 0 END)
    FROM (SELECT t.*, 1 AS sign FROM new_rows t WHERE t.deleted_at IS NULL UNION ALL SELECT t.*, -1 AS sign FROM old_rows t WHERE t.deleted_at IS NULL) c
    GROUP BY city_id, node_id
    ORDER BY node_id
    ON CONFLICT (node_id) DO UPDATE SET total = r.total + excluded.total, open = r.open + excluded.open, closed = r.closed + excluded.closed, due = r.due + excluded.due, closed_on_time = r.closed_on_time + excluded.closed_on_time, overdue = r.overdue + excluded.overdue, handled = r.handled + excluded.handled, reworked = r.reworked + excluded.reworked;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION problem_rollups_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO problem_rollups AS r (city_id, node_id, total, open, closed, due, closed_on_time, overdue, handled, reworked)
    SELECT city_id, node_id, sum(CASE WHEN status NOT IN ('dismissed', 'merged') THEN sign ELSE 0 END),
      sum(CASE WHEN status IN ('registered', 'assigned', 'rectifying', 'submitted', 'returned') THEN sign ELSE 0 END),
      sum(CASE WHEN status = 'closed' THEN sign ELSE 0 END),
      sum(CASE WHEN status NOT IN ('dismissed', 'merged') AND (status = 'closed' OR (status IN ('assigned', 'rectifying', 'returned', 'submitted') AND light = 'red')) THEN sign ELSE 0 END),
      sum(CASE WHEN status = 'closed' AND closed_on_time THEN sign ELSE 0 END),
      sum(CASE WHEN status IN ('assigned', 'rectifying', 'returned', 'submitted') AND light = 'red' THEN sign ELSE 0 END),
      sum(CASE WHEN status NOT IN ('dismissed', 'merged') AND first_submitted_at IS NOT NULL THEN sign ELSE 0 END),
      sum(CASE WHEN status NOT IN ('dismissed', 'merged') AND first_submitted_at IS NOT NULL AND rework_count > 0 THEN sign ELSE 0 END)
    FROM (SELECT t.*, -1 AS sign FROM old_rows t WHERE t.deleted_at IS NULL) c
    GROUP BY city_id, node_id
    ORDER BY node_id
    ON CONFLICT (node_id) DO UPDATE SET total = r.total + excluded.total, open = r.open + excluded.open, closed = r.closed + excluded.closed, due = r.due + excluded.due, closed_on_time = r.closed_on_time + excluded.closed_on_time, overdue = r.overdue + excluded.overdue, handled = r.handled + excluded.handled, reworked = r.reworked + excluded.reworked;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER problem_rollups_insert AFTER INSERT ON problems REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION problem_rollups_on_insert();
--> statement-breakpoint
CREATE TRIGGER problem_rollups_update AFTER UPDATE ON problems REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION problem_rollups_on_update();
--> statement-breakpoint
CREATE TRIGGER problem_rollups_delete AFTER DELETE ON problems REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION problem_rollups_on_delete();
--> statement-breakpoint
INSERT INTO problem_rollups AS r (city_id, node_id, total, open, closed, due, closed_on_time, overdue, handled, reworked)
    SELECT city_id, node_id, sum(CASE WHEN status NOT IN ('dismissed', 'merged') THEN sign ELSE 0 END),
      sum(CASE WHEN status IN ('registered', 'assigned', 'rectifying', 'submitted', 'returned') THEN sign ELSE 0 END),
      sum(CASE WHEN status = 'closed' THEN sign ELSE 0 END),
      sum(CASE WHEN status NOT IN ('dismissed', 'merged') AND (status = 'closed' OR (status IN ('assigned', 'rectifying', 'returned', 'submitted') AND light = 'red')) THEN sign ELSE 0 END),
      sum(CASE WHEN status = 'closed' AND closed_on_time THEN sign ELSE 0 END),
      sum(CASE WHEN status IN ('assigned', 'rectifying', 'returned', 'submitted') AND light = 'red' THEN sign ELSE 0 END),
      sum(CASE WHEN status NOT IN ('dismissed', 'merged') AND first_submitted_at IS NOT NULL THEN sign ELSE 0 END),
      sum(CASE WHEN status NOT IN ('dismissed', 'merged') AND first_submitted_at IS NOT NULL AND rework_count > 0 THEN sign ELSE 0 END)
    FROM (SELECT t.*, 1 AS sign FROM problems t WHERE t.deleted_at IS NULL) c
    GROUP BY city_id, node_id
    ORDER BY node_id
    ON CONFLICT (node_id) DO UPDATE SET total = r.total + excluded.total, open = r.open + excluded.open, closed = r.closed + excluded.closed, due = r.due + excluded.due, closed_on_time = r.closed_on_time + excluded.closed_on_time, overdue = r.overdue + excluded.overdue, handled = r.handled + excluded.handled, reworked = r.reworked + excluded.reworked;
