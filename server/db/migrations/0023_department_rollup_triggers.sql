-- The events' counts per department (event_department_rollups), kept in the write path as 0017 keeps
-- event_rollups: statement-level triggers add what each INSERT, UPDATE or DELETE changes, aggregated per
-- statement and in key order, so that two writers lock rollup rows in the same order. An event counts
-- under the department it is dispatched to now (events.department_id): a re-route moves it, a refusal
-- (which clears the department) takes it out. Then the counts of the events already there. Written by
-- hand: drizzle-kit does not generate functions or triggers.
-- The triggers are named events_department_rollups_* so that they sort after 0017's event_rollups_*:
-- PostgreSQL fires a statement's triggers in name order, and every writer must lock a node's event_rollups
-- row before its department rows. A report locks only the former; had a dispatch locked the department row
-- first, a batch holding a report of the node and a dispatch beside it would deadlock (409 retry).
CREATE FUNCTION event_department_rollups_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO event_department_rollups AS r (city_id, node_id, event_type_id, department_id, total, open, reported, dispatching, dispatched, handling, checking, closed, evaluated, rejected, to_dispatch, dispatched_any, dispatched_on_time, dispatched_accurately, to_handle, handled, handled_on_time, due, closed_any, closed_on_time, reworked, rated, satisfied)
    SELECT city_id, node_id, event_type_id, department_id, sum(sign),
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
    FROM (SELECT t.*, 1 AS sign FROM new_rows t WHERE t.deleted_at IS NULL AND t.department_id IS NOT NULL) c
    GROUP BY city_id, node_id, event_type_id, department_id
    ORDER BY node_id, event_type_id, department_id
    ON CONFLICT (node_id, event_type_id, department_id) DO UPDATE SET total = r.total + excluded.total, open = r.open + excluded.open, reported = r.reported + excluded.reported, dispatching = r.dispatching + excluded.dispatching, dispatched = r.dispatched + excluded.dispatched, handling = r.handling + excluded.handling, checking = r.checking + excluded.checking, closed = r.closed + excluded.closed, evaluated = r.evaluated + excluded.evaluated, rejected = r.rejected + excluded.rejected, to_dispatch = r.to_dispatch + excluded.to_dispatch, dispatched_any = r.dispatched_any + excluded.dispatched_any, dispatched_on_time = r.dispatched_on_time + excluded.dispatched_on_time, dispatched_accurately = r.dispatched_accurately + excluded.dispatched_accurately, to_handle = r.to_handle + excluded.to_handle, handled = r.handled + excluded.handled, handled_on_time = r.handled_on_time + excluded.handled_on_time, due = r.due + excluded.due, closed_any = r.closed_any + excluded.closed_any, closed_on_time = r.closed_on_time + excluded.closed_on_time, reworked = r.reworked + excluded.reworked, rated = r.rated + excluded.rated, satisfied = r.satisfied + excluded.satisfied;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION event_department_rollups_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO event_department_rollups AS r (city_id, node_id, event_type_id, department_id, total, open, reported, dispatching, dispatched, handling, checking, closed, evaluated, rejected, to_dispatch, dispatched_any, dispatched_on_time, dispatched_accurately, to_handle, handled, handled_on_time, due, closed_any, closed_on_time, reworked, rated, satisfied)
    SELECT city_id, node_id, event_type_id, department_id, sum(sign),
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
    FROM (SELECT t.*, 1 AS sign FROM new_rows t WHERE t.deleted_at IS NULL AND t.department_id IS NOT NULL UNION ALL SELECT t.*, -1 AS sign FROM old_rows t WHERE t.deleted_at IS NULL AND t.department_id IS NOT NULL) c
    GROUP BY city_id, node_id, event_type_id, department_id
    ORDER BY node_id, event_type_id, department_id
    ON CONFLICT (node_id, event_type_id, department_id) DO UPDATE SET total = r.total + excluded.total, open = r.open + excluded.open, reported = r.reported + excluded.reported, dispatching = r.dispatching + excluded.dispatching, dispatched = r.dispatched + excluded.dispatched, handling = r.handling + excluded.handling, checking = r.checking + excluded.checking, closed = r.closed + excluded.closed, evaluated = r.evaluated + excluded.evaluated, rejected = r.rejected + excluded.rejected, to_dispatch = r.to_dispatch + excluded.to_dispatch, dispatched_any = r.dispatched_any + excluded.dispatched_any, dispatched_on_time = r.dispatched_on_time + excluded.dispatched_on_time, dispatched_accurately = r.dispatched_accurately + excluded.dispatched_accurately, to_handle = r.to_handle + excluded.to_handle, handled = r.handled + excluded.handled, handled_on_time = r.handled_on_time + excluded.handled_on_time, due = r.due + excluded.due, closed_any = r.closed_any + excluded.closed_any, closed_on_time = r.closed_on_time + excluded.closed_on_time, reworked = r.reworked + excluded.reworked, rated = r.rated + excluded.rated, satisfied = r.satisfied + excluded.satisfied;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION event_department_rollups_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO event_department_rollups AS r (city_id, node_id, event_type_id, department_id, total, open, reported, dispatching, dispatched, handling, checking, closed, evaluated, rejected, to_dispatch, dispatched_any, dispatched_on_time, dispatched_accurately, to_handle, handled, handled_on_time, due, closed_any, closed_on_time, reworked, rated, satisfied)
    SELECT city_id, node_id, event_type_id, department_id, sum(sign),
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
    FROM (SELECT t.*, -1 AS sign FROM old_rows t WHERE t.deleted_at IS NULL AND t.department_id IS NOT NULL) c
    GROUP BY city_id, node_id, event_type_id, department_id
    ORDER BY node_id, event_type_id, department_id
    ON CONFLICT (node_id, event_type_id, department_id) DO UPDATE SET total = r.total + excluded.total, open = r.open + excluded.open, reported = r.reported + excluded.reported, dispatching = r.dispatching + excluded.dispatching, dispatched = r.dispatched + excluded.dispatched, handling = r.handling + excluded.handling, checking = r.checking + excluded.checking, closed = r.closed + excluded.closed, evaluated = r.evaluated + excluded.evaluated, rejected = r.rejected + excluded.rejected, to_dispatch = r.to_dispatch + excluded.to_dispatch, dispatched_any = r.dispatched_any + excluded.dispatched_any, dispatched_on_time = r.dispatched_on_time + excluded.dispatched_on_time, dispatched_accurately = r.dispatched_accurately + excluded.dispatched_accurately, to_handle = r.to_handle + excluded.to_handle, handled = r.handled + excluded.handled, handled_on_time = r.handled_on_time + excluded.handled_on_time, due = r.due + excluded.due, closed_any = r.closed_any + excluded.closed_any, closed_on_time = r.closed_on_time + excluded.closed_on_time, reworked = r.reworked + excluded.reworked, rated = r.rated + excluded.rated, satisfied = r.satisfied + excluded.satisfied;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER events_department_rollups_insert AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_department_rollups_on_insert();
--> statement-breakpoint
CREATE TRIGGER events_department_rollups_update AFTER UPDATE ON events REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_department_rollups_on_update();
--> statement-breakpoint
CREATE TRIGGER events_department_rollups_delete AFTER DELETE ON events REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_department_rollups_on_delete();
--> statement-breakpoint
INSERT INTO event_department_rollups AS r (city_id, node_id, event_type_id, department_id, total, open, reported, dispatching, dispatched, handling, checking, closed, evaluated, rejected, to_dispatch, dispatched_any, dispatched_on_time, dispatched_accurately, to_handle, handled, handled_on_time, due, closed_any, closed_on_time, reworked, rated, satisfied)
    SELECT city_id, node_id, event_type_id, department_id, sum(sign),
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
    FROM (SELECT t.*, 1 AS sign FROM events t WHERE t.deleted_at IS NULL AND t.department_id IS NOT NULL) c
    GROUP BY city_id, node_id, event_type_id, department_id
    ORDER BY node_id, event_type_id, department_id
    ON CONFLICT (node_id, event_type_id, department_id) DO UPDATE SET total = r.total + excluded.total, open = r.open + excluded.open, reported = r.reported + excluded.reported, dispatching = r.dispatching + excluded.dispatching, dispatched = r.dispatched + excluded.dispatched, handling = r.handling + excluded.handling, checking = r.checking + excluded.checking, closed = r.closed + excluded.closed, evaluated = r.evaluated + excluded.evaluated, rejected = r.rejected + excluded.rejected, to_dispatch = r.to_dispatch + excluded.to_dispatch, dispatched_any = r.dispatched_any + excluded.dispatched_any, dispatched_on_time = r.dispatched_on_time + excluded.dispatched_on_time, dispatched_accurately = r.dispatched_accurately + excluded.dispatched_accurately, to_handle = r.to_handle + excluded.to_handle, handled = r.handled + excluded.handled, handled_on_time = r.handled_on_time + excluded.handled_on_time, due = r.due + excluded.due, closed_any = r.closed_any + excluded.closed_any, closed_on_time = r.closed_on_time + excluded.closed_on_time, reworked = r.reworked + excluded.reworked, rated = r.rated + excluded.rated, satisfied = r.satisfied + excluded.satisfied;
