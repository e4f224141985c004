import { describe, expect, it } from "vitest";
import { buildPartyOrgTree, parentIds } from "./tree";

const org = (id: number, parentId: number | null, code: string, unitId: number | null = null) => ({ id, parentId, code, unitId, nodeId: 1, kind: "branch", name: code });

describe("buildPartyOrgTree", () => {
  it("nests by parentId, orders by code, and makes orphans roots", () => {
    const tree = buildPartyOrgTree(
      [org(1, null, "P"), org(3, 1, "P-2"), org(2, 1, "P-10"), org(4, 3, "P-2-1"), org(9, 77, "Q")],
      (a, b) => a.localeCompare(b, "en", { numeric: true }),
    );
    expect(tree.map((r) => r.id)).toEqual([1, 9]);
    expect(tree[0]?.children?.map((r) => r.code)).toEqual(["P-2", "P-10"]);
    expect(tree[0]?.children?.[0]?.children?.map((r) => r.id)).toEqual([4]);
    expect(parentIds(tree)).toEqual([1, 3]);
  });
});
