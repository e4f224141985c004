import { describe, expect, it } from "vitest";
import { nodeKindLabels } from "../../../shared/permissions";
import { projectLevelLabels, projectStatusLabels } from "../../../shared/schemas/campaign";
import { stageLabels, urgencyLabels } from "../../../shared/schemas/events";
import { campaignZh } from "../modules/campaign/messages";
import { eventsZh } from "../modules/events/messages";
import { shellZh } from "./messages";

/**
 * The server's exports and printed sheets name stages, urgencies, node kinds and project levels from the
 * shared tables; the screen names them from the Chinese messages. The two once drifted (the export said
 * 待立案 where the screen said 待受理): each Chinese message must read as its shared label.
 */
const screen: Record<string, string> = { ...shellZh, ...eventsZh, ...campaignZh };
const cases: [string, Record<string, string>][] = [
  ["events.stage", stageLabels],
  ["events.urgency", urgencyLabels],
  ["kind", nodeKindLabels],
  ["campaign.level", projectLevelLabels],
  ["campaign.status", projectStatusLabels],
];

describe("the screen's Chinese names and the shared label tables", () => {
  it.each(cases)("%s.* reads as the shared table", (prefix, table) => {
    for (const [value, label] of Object.entries(table)) expect(screen[`${prefix}.${value}`], `${prefix}.${value}`).toBe(label);
  });
});
