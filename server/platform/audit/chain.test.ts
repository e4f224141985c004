import { describe, expect, it } from "vitest";
import { chainHash, GENESIS_HASH, type SealedFields } from "./chain";

// The hash of one entry, without a database: a change inside a list the entry records must show, as a change
// of any column does (checkpoints.test.ts).

const entry = (after: unknown): SealedFields => ({
  id: 7,
  at: new Date("2026-03-02T01:00:00Z"),
  cityId: 1,
  actorUserId: 3,
  actorUsername: "cadre",
  nodeId: 5,
  action: "problem.merge",
  entity: "problem",
  entityId: "12",
  before: null,
  after,
  ip: "10.0.0.1",
});

describe("an entry's hash", () => {
  it("tells apart lists whose items were run together: the problems 1 and 2 merged into one are not problem 12", () => {
    const merged = chainHash(GENESIS_HASH, entry({ mergedIds: [1, 2] }));
    expect(chainHash(GENESIS_HASH, entry({ mergedIds: [12] }))).not.toBe(merged);
    expect(chainHash(GENESIS_HASH, entry({ mergedIds: [1, 2] }))).toBe(merged);
  });
});
