import { problems } from "../db/schema";
import type { SmallCity, TestContext } from "./harness";

/**
 * `total` problems found at a village of the small city in the third quarter of 2026, the first `closed` of them
 * closed on time on 1 September and the rest still open past their deadline (red), so all are due in the
 * quarter: the records the evaluation's hand-counted quarters are built from.
 */
export async function foundInQuarter(t: TestContext, city: SmallCity, code: string, total: number, closed: number): Promise<void> {
  await t.db.insert(problems).values(
    Array.from({ length: total }, (_, i) => ({
      cityId: city.cityId, nodeId: city.nodes.get(code)!.id, channel: "symposium", source: "self", category: "governance", title: `${code}问题${i}`, description: "手数问题",
      foundOn: "2026-08-03", status: i < closed ? "closed" : "rectifying", closedOnTime: i < closed ? true : null, closedAt: i < closed ? new Date("2026-09-01T02:00:00Z") : null,
      light: i < closed ? null : "red",
    })),
  );
}
