import { figureRate, type FigureValues } from "../../../shared/figures";
import type { Database } from "../../db/client";
import type { NodeRef } from "../../platform/tree";
import * as repo from "./repository";

/** The module's figures for a subtree, each counted by the same condition as the list it opens. */
export async function figuresFor(db: Database, node: NodeRef): Promise<FigureValues> {
  const scope = { all: false as const, paths: [node.path] };
  const [pairing, service] = await Promise.all([repo.pairingFigures(db, scope), repo.serviceFigures(db, scope)]);
  const hoursPerMember = service.members === 0 ? undefined : Math.round(service.minutes / 6 / service.members) / 10;
  return {
    "pairing.countyLeaderHouseholds": pairing.leaderHouseholds,
    "pairing.townshipCadreHouseholds": pairing.cadreHouseholds,
    "pairing.conflictsResolved": pairing.resolved,
    "pairing.visitCoverage": figureRate("pairing.visitCoverage", pairing.visited, pairing.households),
    "pairing.conflictsOnTimeRate": figureRate("pairing.conflictsOnTimeRate", pairing.onTime, pairing.resolved),
    "pairing.suggestionsAnsweredRate": figureRate("pairing.suggestionsAnsweredRate", pairing.answered, pairing.suggestions),
    "service.pairedCommunities": service.communities,
    "service.membersReporting": service.members,
    "service.volunteerTeams": service.teams,
    ...(hoursPerMember === undefined ? {} : { "service.hoursPerMember": hoursPerMember }),
  };
}
