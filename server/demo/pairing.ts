import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { deadlineDaysByRisk } from "../../shared/schemas/pairing";
import type { Database } from "../db/client";
import {
  conflictSteps,
  conflicts,
  eventTypes,
  events,
  households,
  memberReports,
  orgNodes,
  organPairings,
  pairings,
  partyOrgs,
  persons,
  posts,
  serviceLogs,
  suggestions,
  visits,
  volunteerMembers,
  volunteerTeams,
} from "../db/schema";
import { calendarFor, localDay, localMidnight } from "../platform/calendar/service";
import { kindOfEventType } from "../modules/pairing/conflicts";
import { quarterOf } from "../modules/pairing/service";
import { maleNameCharacters, surnames } from "./catalog";
import { insertRows } from "./events";
import { apportion, Random } from "./random";

/**
 * The demo city's household pairing and party members in service (mechanisms 4 and 9): 29 county
 * leaders with 145 households and a village each, 455 township cadres with 5,096 households of their
 * own township, visits over this quarter and the last one, the register entries of the conflict-type
 * grid events (480+ resolved), suggestions, 84 organ party organisations paired with 18 communities
 * (the 14 communities and 4 villages of the city's streets), 2,085 members reporting, 21 volunteer teams.
 * Everything comes from one seed and `now`, after the events.
 */

const SEED = 20_260_601;
const LEADER_HOUSEHOLDS = 145;
const CADRE_HOUSEHOLDS = 5_096;
const PAIRED_COMMUNITIES = 18;
const MEMBERS_REPORTING = 2_085;
const VOLUNTEER_TEAMS = 21;
const SUGGESTIONS = 320;
const DAY_MS = 86_400_000;

export interface DemoPairingResult {
  leaderHouseholds: number;
  cadreHouseholds: number;
  visits: number;
  conflicts: number;
  conflictsResolved: number;
  membersReporting: number;
}

const segment = (path: string, index: number) => Number(path.split("/").filter(Boolean)[index]);
const addDays = (day: string, n: number) => localDay(new Date(localMidnight(day).getTime() + n * DAY_MS + 12 * 3_600_000));

export async function loadDemoPairing(db: Database, options: { cityId: number; now: Date }): Promise<DemoPairingResult> {
  const { cityId, now } = options;
  const random = Random.forSection(SEED, "pairing");
  const today = localDay(now);
  const quarter = quarterOf(today);
  const lastQuarter = quarterOf(addDays(quarter.from, -1));

  return db.transaction(async (tx) => {
    const existing = await tx.select({ n: sql<number>`count(*)::int` }).from(pairings).where(eq(pairings.cityId, cityId));
    if ((existing[0]?.n ?? 0) > 0) throw new Error("The demo city already has pairings; they are loaded only once.");
    const calendar = await calendarFor(tx, cityId);
    const nodes = await tx
      .select({ id: orgNodes.id, kind: orgNodes.kind, path: orgNodes.path, name: orgNodes.name })
      .from(orgNodes)
      .where(and(eq(orgNodes.cityId, cityId), isNull(orgNodes.retiredAt)))
      .orderBy(asc(orgNodes.path));
    const pathOf = new Map(nodes.map((node) => [node.id, node.path]));
    const postRows = await tx
      .select({ personId: posts.personId, post: posts.post, nodeId: posts.nodeId })
      .from(posts)
      .where(and(eq(posts.cityId, cityId), isNull(posts.endedOn)))
      .orderBy(asc(posts.personId));
    const leaders = postRows.filter((row) => row.post === "county_leader");
    const standing = new Set(postRows.filter((row) => row.post === "standing_committee").map((row) => row.personId));
    const cadres = postRows.filter((row) => row.post === "township_cadre");
    const homes = await tx.select({ id: households.id, nodeId: households.nodeId }).from(households).where(and(eq(households.cityId, cityId), isNull(households.deletedAt))).orderBy(asc(households.id));
    const townshipOfNode = (nodeId: number) => segment(pathOf.get(nodeId)!, 1);

    // --- pairings: leaders with 5 households anywhere and a village; cadres with households of their own township
    type NewPairing = typeof pairings.$inferInsert;
    const pairingRows: NewPairing[] = [];
    const started = (): string => addDays(lastQuarter.from, -random.int(30, 400));
    const leaderHomes = random.shuffled(homes).slice(0, LEADER_HOUSEHOLDS);
    const villages = nodes.filter((node) => node.kind === "village");
    leaders.forEach((leader, index) => {
      for (const home of leaderHomes.slice(index * 5, index * 5 + 5)) {
        pairingRows.push({ cityId, personId: leader.personId, post: "county_leader", target: "household", householdId: home.id, nodeId: home.nodeId, startedOn: started(), reason: "县级领导包联", createdAt: now, updatedAt: now });
      }
      const village = random.pick(villages);
      pairingRows.push({ cityId, personId: leader.personId, post: "county_leader", target: "village", householdId: null, nodeId: village.id, startedOn: started(), reason: standing.has(leader.personId) ? "常委包村调研" : "县级领导包村", createdAt: now, updatedAt: now });
    });
    if (leaders.length * 5 !== LEADER_HOUSEHOLDS) throw new Error(`demo pairing: ${leaders.length} county leaders for ${LEADER_HOUSEHOLDS} households`);
    const byTownship = new Map<number, typeof cadres>();
    for (const cadre of cadres) byTownship.set(cadre.nodeId, [...(byTownship.get(cadre.nodeId) ?? []), cadre]);
    const townships = [...byTownship.keys()].sort((a, b) => a - b);
    const homesOf = townships.map((township) => random.shuffled(homes.filter((home) => townshipOfNode(home.nodeId) === township)));
    const shares = apportion(CADRE_HOUSEHOLDS, homesOf.map((list) => list.length), 1);
    townships.forEach((township, index) => {
      const list = homesOf[index]!.slice(0, shares[index]!);
      if (list.length !== shares[index]) throw new Error("demo pairing: not enough households in a township");
      const own = byTownship.get(township)!;
      list.forEach((home, n) => {
        const cadre = own[n % own.length]!;
        pairingRows.push({ cityId, personId: cadre.personId, post: "township_cadre", target: "household", householdId: home.id, nodeId: home.nodeId, startedOn: started(), reason: "乡镇干部联户", createdAt: now, updatedAt: now });
      });
    });
    const pairingIds: number[] = [];
    for (let start = 0; start < pairingRows.length; start += 1000) {
      const inserted = await tx.insert(pairings).values(pairingRows.slice(start, start + 1000)).returning({ id: pairings.id });
      pairingIds.push(...inserted.map((row) => row.id));
    }

    // --- visits: most households this quarter, more of them last quarter, some never
    const findings = ["家中情况稳定，无新诉求", "反映村道路灯不亮", "老人身体状况良好，已宣传医保政策", "了解孩子上学情况", "询问低保办理进度", "反映邻里之间有小摩擦", "宣传防诈骗知识", "建议增设健身器材"];
    const met = ["户主", "户主及配偶", "老人", "家庭成员"];
    type NewVisit = typeof visits.$inferInsert;
    const visitRows: NewVisit[] = [];
    const daysIn = (from: string, to: string) => Math.max(0, Math.round((localMidnight(to).getTime() - localMidnight(from).getTime()) / DAY_MS));
    pairingRows.forEach((pairing, index) => {
      const leader = pairing.post === "county_leader";
      const visit = (from: string, to: string) => {
        visitRows.push({
          cityId,
          pairingId: pairingIds[index]!,
          personId: pairing.personId,
          householdId: pairing.householdId ?? null,
          nodeId: pairing.nodeId,
          visitedOn: addDays(from, random.int(0, daysIn(from, to))),
          met: pairing.target === "village" ? "村两委干部及群众代表" : random.pick(met),
          findings: random.pick(findings),
          createdAt: now,
        });
      };
      if (random.chance(leader ? 0.85 : 0.72)) visit(lastQuarter.from, lastQuarter.to);
      if (random.chance(leader ? 0.8 : 0.64)) visit(quarter.from, today);
    });
    const visitIds: number[] = [];
    for (let start = 0; start < visitRows.length; start += 1000) {
      const inserted = await tx.insert(visits).values(visitRows.slice(start, start + 1000)).returning({ id: visits.id });
      visitIds.push(...inserted.map((row) => row.id));
    }

    // --- suggestions made on visits, most answered
    const suggestionTexts = ["建议村里增设公共厕所", "建议修缮村口道路", "建议增加老年食堂供餐时段", "建议社区开设四点半课堂", "建议增设充电桩", "建议定期组织义诊"];
    const answerers = ["村党支部书记", "乡镇党委副书记", "社区党总支书记", "乡镇民政办主任"];
    const suggestionRows = random
      .shuffled(visitIds.map((id, index) => ({ id, visit: visitRows[index]! })))
      .slice(0, SUGGESTIONS)
      .map(({ id, visit }) => {
        const answered = random.chance(0.85);
        const nodeId = segment(pathOf.get(visit.nodeId)!, 2) || visit.nodeId;
        return {
          cityId,
          nodeId,
          visitId: id,
          content: random.pick(suggestionTexts),
          status: answered ? "answered" : "open",
          answer: answered ? "已纳入年度民生实事，正在推进" : null,
          answeredByName: answered ? random.pick(answerers) : null,
          answeredAt: answered ? now : null,
          createdAt: now,
          updatedAt: now,
        };
      });
    await insertRows(tx, suggestions, suggestionRows);

    // --- the register: every registered conflict-type grid event, resolved where the event was closed
    const conflictEvents = await tx
      .select({ id: events.id, nodeId: events.nodeId, description: events.description, registeredAt: events.registeredAt, closedAt: events.closedAt, typeName: eventTypes.name })
      .from(events)
      .innerJoin(eventTypes, eq(eventTypes.id, events.eventTypeId))
      .where(and(eq(events.cityId, cityId), eq(eventTypes.conflict, true), isNotNull(events.registeredAt)))
      .orderBy(asc(events.id));
    const cadresOf = (nodeId: number) => byTownship.get(townshipOfNode(nodeId)) ?? cadres;
    const party = () => `${random.weighted(surnames)}${random.pick(maleNameCharacters)}${random.pick(maleNameCharacters)}`;
    type NewConflict = typeof conflicts.$inferInsert;
    const conflictRows: NewConflict[] = conflictEvents.map((event) => {
      const riskLevel = random.weighted([[1, 4], [2, 4], [3, 1.5], [4, 0.5]] as const);
      const reportedOn = localDay(event.registeredAt!);
      const deadline = localDay(calendar.addWorkingDays(localMidnight(reportedOn), deadlineDaysByRisk[riskLevel]));
      const closedOn = event.closedAt ? localDay(event.closedAt) : null;
      const result = closedOn ? random.weighted([["resolved", 7], ["agreement", 3]] as const) : null;
      return {
        cityId,
        nodeId: event.nodeId,
        kind: kindOfEventType(event.typeName),
        summary: `${event.typeName}：${event.description}`.slice(0, 500),
        parties: `${party()}与${party()}`,
        riskLevel,
        source: "grid_event",
        eventId: event.id,
        responsiblePersonId: random.pick(cadresOf(event.nodeId)).personId,
        reportedOn,
        deadline,
        status: closedOn ? (daysIn(closedOn, today) > 14 ? "closed" : "resolved") : "open",
        result,
        resultNote: result ? "经调解双方达成一致" : null,
        resolvedOn: closedOn && closedOn >= reportedOn ? closedOn : closedOn ? reportedOn : null,
        closedAt: closedOn && daysIn(closedOn, today) > 14 ? now : null,
        createdAt: now,
        updatedAt: now,
      };
    });
    const conflictIds: number[] = [];
    for (let start = 0; start < conflictRows.length; start += 1000) {
      const inserted = await tx.insert(conflicts).values(conflictRows.slice(start, start + 1000)).returning({ id: conflicts.id });
      conflictIds.push(...inserted.map((row) => row.id));
    }
    const resolved = conflictRows.filter((row) => row.resolvedOn);
    if (resolved.length < 480) throw new Error(`demo pairing: only ${resolved.length} conflicts resolved`);
    await insertRows(
      tx,
      conflictSteps,
      conflictRows.flatMap((row, index) =>
        row.resolvedOn ? [{ cityId, conflictId: conflictIds[index]!, kind: "mediation", happenedOn: row.resolvedOn, note: "组织双方当面调解", outcome: "达成一致", createdAt: now }] : [],
      ),
    );

    // --- party members in service
    const organs = await tx.select({ id: partyOrgs.id }).from(partyOrgs).where(and(eq(partyOrgs.cityId, cityId), isNotNull(partyOrgs.unitId), isNull(partyOrgs.retiredAt))).orderBy(asc(partyOrgs.id));
    const streets = new Set(nodes.filter((node) => node.kind === "street").map((node) => node.id));
    const communities = nodes.filter((node) => node.kind === "community");
    const streetVillages = nodes.filter((node) => node.kind === "village" && streets.has(segment(node.path, 1)));
    const pairedPlaces = [...communities, ...streetVillages].slice(0, PAIRED_COMMUNITIES);
    if (pairedPlaces.length !== PAIRED_COMMUNITIES) throw new Error("demo pairing: not enough communities to pair with");
    await insertRows(
      tx,
      organPairings,
      organs.map((org, index) => ({ cityId, partyOrgId: org.id, nodeId: pairedPlaces[index % PAIRED_COMMUNITIES]!.id, startedOn: "2025-03-01", createdAt: now })),
    );

    const members = await tx
      .select({ id: persons.id, nodeId: persons.nodeId })
      .from(persons)
      .where(and(eq(persons.cityId, cityId), eq(persons.isPartyMember, true), isNull(persons.deletedAt)))
      .orderBy(asc(persons.id));
    // Members report where they live: residents to their own village or community, township cadres to one of their township's.
    const placesOfTownship = new Map<number, number[]>();
    for (const place of nodes.filter((candidate) => candidate.kind === "village" || candidate.kind === "community")) {
      const township = segment(place.path, 1);
      placesOfTownship.set(township, [...(placesOfTownship.get(township) ?? []), place.id]);
    }
    const living = members.flatMap((member) => {
      const path = pathOf.get(member.nodeId) ?? "";
      const depth = path.split("/").filter(Boolean).length;
      if (depth >= 3) return [{ ...member, place: segment(path, 2) }];
      const places = depth === 2 ? placesOfTownship.get(segment(path, 1)) : undefined;
      return places ? [{ ...member, place: random.pick(places) }] : [];
    });
    if (living.length < MEMBERS_REPORTING) throw new Error(`demo pairing: only ${living.length} party members live in villages and communities`);
    const reportPosts = ["楼栋长", "政策宣传员", "环境卫生监督员", "矛盾纠纷调解员", "文明劝导员", "关爱帮扶员"];
    const reporting = random.shuffled(living).slice(0, MEMBERS_REPORTING);
    const reportRows = reporting.map((member) => ({
      cityId,
      personId: member.id,
      nodeId: member.place,
      post: random.pick(reportPosts),
      reportedOn: addDays(lastQuarter.from, -random.int(10, 300)),
      minutes: 60 * random.int(2, 40),
      createdAt: now,
    }));
    const reportIds: number[] = [];
    for (let start = 0; start < reportRows.length; start += 1000) {
      const inserted = await tx.insert(memberReports).values(reportRows.slice(start, start + 1000)).returning({ id: memberReports.id });
      reportIds.push(...inserted.map((row) => row.id));
    }
    // The hours on each report are the sum of its logs, split into two sessions.
    await insertRows(
      tx,
      serviceLogs,
      reportRows.flatMap((report, index) => {
        const first = 60 * Math.floor(report.minutes / 120);
        return [
          { cityId, reportId: reportIds[index]!, happenedOn: addDays(lastQuarter.from, random.int(0, 60)), minutes: first, note: "参与社区志愿服务", createdAt: now },
          { cityId, reportId: reportIds[index]!, happenedOn: addDays(quarter.from, random.int(0, daysIn(quarter.from, today))), minutes: report.minutes - first, note: "参与社区志愿服务", createdAt: now },
        ].filter((log) => log.minutes > 0);
      }),
    );

    const teamNames = ["红色先锋", "邻里守望", "银发互助", "关爱儿童", "平安巡逻", "文明新风", "绿色家园"];
    const teamPlaces = [...communities, ...streetVillages, ...villages].slice(0, VOLUNTEER_TEAMS);
    const teamIds: number[] = [];
    const teamRows = teamPlaces.map((place, index) => ({ cityId, nodeId: place.id, name: `${place.name}${teamNames[index % teamNames.length]}志愿服务队`, focus: teamNames[index % teamNames.length]!, createdAt: now }));
    const insertedTeams = await tx.insert(volunteerTeams).values(teamRows).returning({ id: volunteerTeams.id });
    teamIds.push(...insertedTeams.map((row) => row.id));
    await insertRows(
      tx,
      volunteerMembers,
      teamPlaces.flatMap((place, index) =>
        reporting
          .filter((member) => member.place === place.id)
          .slice(0, 20)
          .map((member) => ({ cityId, teamId: teamIds[index]!, personId: member.id, joinedOn: "2025-06-01" })),
      ),
    );

    return {
      leaderHouseholds: LEADER_HOUSEHOLDS,
      cadreHouseholds: CADRE_HOUSEHOLDS,
      visits: visitRows.length,
      conflicts: conflictRows.length,
      conflictsResolved: resolved.length,
      membersReporting: reportRows.length,
    };
  });
}
