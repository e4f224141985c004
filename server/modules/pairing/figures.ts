import type { SourceFigures } from "../../../shared/figures";
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
export async function figuresFor(db: Database, node: NodeRef, now: Date): Promise<SourceFigures> {
  const scope = { all: false as const, paths: [node.path] };
  const { periodMonths } = await repo.settingsOf(db, node.cityId);
  const period = periodOf(localDay(now), periodMonths);
  const [pairing, coverage, service] = await Promise.all([repo.pairingFigures(db, scope), repo.coverageTotals(db, node.path, period.from, period.to), repo.serviceFigures(db, scope)]);
  return {
    "pairing.countyLeaderHouseholds": pairing.leaderHouseholds,
    "pairing.townshipCadreHouseholds": pairing.cadreHouseholds,
    "pairing.conflictsResolved": pairing.resolved,
    "pairing.visitCoverage": { part: coverage.visited, whole: coverage.paired },
    "pairing.conflictsOnTimeRate": { part: pairing.onTime, whole: pairing.resolved },
    "pairing.suggestionsAnsweredRate": { part: pairing.answered, whole: pairing.suggestions },
    "service.pairedCommunities": service.communities,
    "service.membersReporting": service.members,
    "service.volunteerTeams": service.teams,
    // Minutes served per member reporting: the hours are worked out from them (figureRate).
    "service.hoursPerMember": { part: service.minutes, whole: service.members },
  };
}
