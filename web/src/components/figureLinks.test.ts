import { describe, expect, it } from "vitest";
import { figureKeys, figureRegistry } from "../../../shared/figures";
import { figureRoute } from "./figureLinks";

const street = { id: 3, kind: "street" };
const city = { id: 1, kind: "city" };

describe("figureRoute", () => {
  it("opens each people figure as the people list of the node, with its filter", () => {
    expect(figureRoute("grid.workers", street)).toBe("/people?org=3&post=grid_worker");
    expect(figureRoute("pairing.countyLeaders", street)).toBe("/people?org=3&post=county_leader");
    expect(figureRoute("pairing.townshipCadres", street)).toBe("/people?org=3&post=township_cadre");
    expect(figureRoute("people.partyMembers", street)).toBe("/people?org=3&partyMember=true");
    expect(figureRoute("people.households", street)).toBe("/households?org=3");
  });

  it("opens node counts as the nodes of that kind below the node", () => {
    expect(figureRoute("grid.microGrids", city)).toBe("/nodes?org=1&kind=micro_grid");
    expect(figureRoute("grid.grids", street)).toBe("/nodes?org=3&kind=grid");
  });

  it("opens party organisations of organs, and departments only for a city (the list is per city)", () => {
    expect(figureRoute("service.organPartyOrgs", city)).toBe("/party-orgs?org=1&organ=true");
    expect(figureRoute("grid.departments", city)).toBe("/departments?inGrid=true");
    expect(figureRoute("grid.functions", city)).toBe("/departments?inGrid=true&view=functions");
    expect(figureRoute("grid.departments", street)).toBeNull();
  });

  it("opens problem counts as the problem list with the figure, clues and lists with their own filters", () => {
    expect(figureRoute("problems.total", city)).toBe("/problems?org=1&figure=problems.total");
    expect(figureRoute("problems.overdue", street)).toBe("/problems?org=3&figure=problems.overdue");
    expect(figureRoute("problems.clues", street)).toBe("/problems/clues?org=3&figure=problems.clues");
    expect(figureRoute("problems.commonLists", city)).toBe("/problems/common?org=1&status=published");
    expect(figureRoute("problems.disclosedLists", street)).toBe("/problems/lists?org=3&status=published");
  });

  it("opens rates on the page that shows their parts, and events closed as the closed cases", () => {
    expect(figureRoute("problems.closureRate", city)).toBe("/problems/overview?org=1");
    expect(figureRoute("events.rate.satisfaction", street)).toBe("/events/stats?org=3");
    expect(figureRoute("events.closed", street)).toBe("/events?org=3&drill=closed");
  });

  it("has no link for keys it does not know, including inherited names", () => {
    expect(figureRoute("someModule.newFigure", city)).toBeNull();
    expect(figureRoute("toString", city)).toBeNull();
  });

  it("gives every registered count a list at the city", () => {
    const countsWithoutList = figureKeys.filter((key) => figureRegistry[key].unit !== "percent" && figureRoute(key, city) === null);
    expect(countsWithoutList).toEqual([]);
  });
});
