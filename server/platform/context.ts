import type { Database } from "../db/client";
import type { RoleName } from "../../shared/permissions";
import type { Clock } from "./clock";
import type { Config } from "./config";

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
  actor: Actor | null;
  ip: string | null;
  /** Set by the write path; the app refuses a successful write that left no audit entry. */
  audited: boolean;
}
