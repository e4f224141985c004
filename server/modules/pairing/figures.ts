import { figureRate, type FigureValues } from "../../../shared/figures";
import type { Database } from "../../db/client";
import { localDay } from "../../platform/calendar/service";
import type { NodeRef } from "../../platform/tree";
import * as repo from "./repository";
import { periodOf } from "./service";

/**
 * The module's figures for a subtree, each counted by the same condition as the list it opens. Visit
 * coverage is of the city's current period (a quarter unless configured), as the coverage page it
 * opens counts it by default: household pairings active in the period, and those visited in it.
 */
export async function figuresFor(db: Database, node: NodeRef, now: Date): Promise<FigureValues> {
  const scope = { all: false as const, paths: [node.path] };
  const { periodMonths } = await repo.settingsOf(db, node.cityId);
  const period = periodOf(localDay(now), periodMonths);
  const [pairing, coverage, service] = await Promise.all([repo.pairingFigures(db, scope), repo.coverageTotals(db, node.path, period.from, period.to), repo.serviceFigures(db, scope)]);
  const hoursPerMember = service.members === 0 ? undefined : Math.round(service.minutes / 6 / service.members) / 10;
  return {
    "pairing.countyLeaderHouseholds": pairing.leaderHouseholds,
    "pairing.townshipCadreHouseholds": pairing.cadreHouseholds,
    "pairing.conflictsResolved": pairing.resolved,
    "pairing.visitCoverage": figureRate("pairing.visitCoverage", coverage.visited, coverage.paired),
    "pairing.conflictsOnTimeRate": figureRate("pairing.conflictsOnTimeRate", pairing.onTime, pairing.resolved),
    "pairing.suggestionsAnsweredRate": figureRate("pairing.suggestionsAnsweredRate", pairing.answered, pairing.suggestions),
    "service.pairedCommunities": service.communities,
    "service.membersReporting": service.members,
    "service.volunteerTeams": service.teams,
    ...(hoursPerMember === undefined ? {} : { "service.hoursPerMember": hoursPerMember }),
  };
}
