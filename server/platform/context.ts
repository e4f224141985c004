import type { Database } from "../db/client";
import type { RoleName } from "../../shared/permissions";
import type { Clock } from "./clock";
import type { Config } from "./config";
import type { ModuleRegistry } from "./modules";

export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** A role the caller holds, with the path of its node (null for the system roles, which reach everything). */
export interface Grant {
  assignmentId: number;
  role: RoleName;
  nodeId: number | null;
  nodeName: string | null;
  path: string | null;
  cityId: number | null;
}

export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  cityId: number | null;
  mustChangePassword: boolean;
  grants: Grant[];
  sessionId: string;
  csrfToken: string;
}

/** What every service call receives: the database, the clock, who asks and from where. */
export interface RequestContext {
  db: Database;
  clock: Clock;
  config: Config;
  /** The modules the app was built with: their figure sources, retire guards, indicators. */
  modules: ModuleRegistry;
  actor: Actor | null;
  ip: string | null;
  /** Set by the write path; the app refuses a successful write that left no audit entry. */
  audited: boolean;
  /** The Idempotency-Key the request holds, if it came with one: its writes record their outcomes under it. */
  idempotency?: IdempotencyHold;
}

/**
 * `recovered` holds what the writes of an earlier run with this key committed before its process died
 * unanswered: the retry's writes take those instead of writing again. `written` counts the writes so far.
 */
export interface IdempotencyHold {
  scope: string;
  key: string;
  recovered: unknown[];
  written: number;
}

/** What a background job runs with: no caller, no request. */
export interface JobEnv {
  db: Database;
  clock: Clock;
  config: Config;
  modules: ModuleRegistry;
}

/** The context a job's writes run in: the system acts, from no address. */
export function jobContext(env: JobEnv): RequestContext {
  return { db: env.db, clock: env.clock, config: env.config, modules: env.modules, actor: null, ip: null, audited: false };
}
