import { eq, sql } from "drizzle-orm";
import type { PgInsertValue, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../db/client";
import {
  cities,
  departmentFunctions,
  departments,
  handlerDepartments,
  householdMembers,
  households,
  orgNodes,
  partyOrgs,
  persons,
  posts,
  roleAssignments,
  units,
  users,
} from "../db/schema";
import { hashPassword } from "../platform/auth/passwords";
import { planDemoCity } from "./plan";

export interface DemoAccount {
  username: string;
  role: string;
  nodeName: string | null;
}

export interface DemoLoadResult {
  cityId: number;
  accounts: DemoAccount[];
}

/** Rows per INSERT: large enough to be fast, well under PostgreSQL's 65,535 bind parameters. */
const batchSize = 1000;

/**
 * Loads the demo city 河津市 ("hejin") in one transaction: all of it or nothing, so a failed load
 * never leaves half a city that a later "load if absent" would take for a whole one.
 * Ids are reserved from the tables' sequences up front, so that paths and references are computed
 * in memory and every table goes in with multi-row inserts. Writes no audit entry: the caller does.
 */
export async function loadDemoCity(db: Database, options: { password: string; now?: Date }): Promise<DemoLoadResult> {
  const now = options.now ?? new Date();
  const plan = planDemoCity();
  // All demo accounts share the password, so one hash (about 50 ms) serves them all; computed before the transaction opens.
  const passwordHash = await hashPassword(options.password);

  return db.transaction(async (tx) => {
    const existing = await tx.select({ id: cities.id }).from(cities).where(eq(cities.code, plan.city.code));
    if (existing.length > 0) throw new Error(`The city "${plan.city.code}" already exists; the demo is loaded only into a database without it.`);
    const [city] = await tx.insert(cities).values({ code: plan.city.code, name: plan.city.name, prefecture: plan.city.prefecture, createdAt: now }).returning({ id: cities.id });
    if (!city) throw new Error("The city row was not created");
    const cityId = city.id;

    const nodeIds = await reserveIds(tx, "org_nodes", plan.nodes.length);
    const paths: string[] = [];
    const nodeRows = plan.nodes.map((node, index) => {
      const id = idAt(nodeIds, index);
      // Parents come before their children in the plan, so the parent's path is already known.
      const parentPath = node.parent === null ? "/" : pathAt(paths, node.parent);
      paths.push(`${parentPath}${id}/`);
      return {
        id,
        cityId,
        parentId: node.parent === null ? null : idAt(nodeIds, node.parent),
        kind: node.kind,
        code: node.code,
        name: node.name,
        path: `${parentPath}${id}/`,
        depth: node.depth,
        sort: node.sort,
        boundary: node.boundary,
        createdAt: now,
        updatedAt: now,
      };
    });
    await insertInBatches(tx, orgNodes, nodeRows);
    const cityNodeId = idAt(nodeIds, 0);

    const departmentIds = await reserveIds(tx, "departments", plan.departments.length);
    await insertInBatches(
      tx,
      departments,
      plan.departments.map((department, index) => ({
        id: idAt(departmentIds, index),
        cityId,
        nodeId: cityNodeId,
        code: department.code,
        name: department.name,
        inGrid: true,
        createdAt: now,
      })),
    );
    await insertInBatches(
      tx,
      departmentFunctions,
      plan.departments.flatMap((department, index) =>
        department.functions.map(([name, description], functionIndex) => ({
          cityId,
          departmentId: idAt(departmentIds, index),
          code: `${department.code}-F${functionIndex + 1}`,
          name,
          description,
        })),
      ),
    );

    const unitIds = await reserveIds(tx, "units", plan.units.length);
    await insertInBatches(
      tx,
      units,
      plan.units.map((unit, index) => ({ id: idAt(unitIds, index), cityId, nodeId: cityNodeId, code: unit.code, name: unit.name, kind: unit.kind, createdAt: now })),
    );

    const partyOrgIds = await reserveIds(tx, "party_orgs", plan.partyOrgs.length);
    await insertInBatches(
      tx,
      partyOrgs,
      plan.partyOrgs.map((org, index) => ({
        id: idAt(partyOrgIds, index),
        cityId,
        nodeId: idAt(nodeIds, org.node),
        parentId: org.parent === null ? null : idAt(partyOrgIds, org.parent),
        unitId: org.unit === null ? null : idAt(unitIds, org.unit),
        kind: org.kind,
        code: org.code,
        name: org.name,
        createdAt: now,
      })),
    );

    const personIds = await reserveIds(tx, "persons", plan.persons.length);
    await insertInBatches(
      tx,
      persons,
      plan.persons.map((person, index) => ({
        id: idAt(personIds, index),
        cityId,
        nodeId: idAt(nodeIds, person.node),
        name: person.name,
        gender: person.gender,
        phone: person.phone,
        idNumber: person.idNumber,
        address: person.address,
        isPartyMember: person.partyOrg !== null,
        partyOrgId: person.partyOrg === null ? null : idAt(partyOrgIds, person.partyOrg),
        joinedPartyOn: person.joinedPartyOn,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await insertInBatches(
      tx,
      posts,
      plan.posts.map((post) => ({
        cityId,
        personId: idAt(personIds, post.person),
        nodeId: idAt(nodeIds, post.node),
        unitId: post.unit === null ? null : idAt(unitIds, post.unit),
        post: post.post,
        title: post.title,
        startedOn: post.startedOn,
        createdAt: now,
      })),
    );

    const householdIds = await reserveIds(tx, "households", plan.households.length);
    await insertInBatches(
      tx,
      households,
      plan.households.map((household, index) => ({
        id: idAt(householdIds, index),
        cityId,
        nodeId: idAt(nodeIds, household.node),
        code: household.code,
        address: household.address,
        headPersonId: idAt(personIds, headOf(household.members)),
        createdAt: now,
      })),
    );
    await insertInBatches(
      tx,
      householdMembers,
      plan.households.flatMap((household, index) =>
        household.members.map((member) => ({
          cityId,
          householdId: idAt(householdIds, index),
          personId: idAt(personIds, member.person),
          relation: member.relation,
        })),
      ),
    );

    // Accounts without a node (三员, the province reader) are global: if the platform already made one of that name, it keeps its own.
    const userIds = new Map<string, number>();
    for (const system of [false, true]) {
      const rows = plan.accounts
        .filter((account) => (account.node === null) === system)
        .map((account) => ({
          cityId: system ? null : cityId,
          username: account.username,
          displayName: account.displayName,
          personId: account.person === null ? null : idAt(personIds, account.person),
          passwordHash,
          passwordChangedAt: now,
          createdAt: now,
          updatedAt: now,
        }));
      const insert = tx.insert(users).values(rows);
      const created = await (system ? insert.onConflictDoNothing({ target: users.username }) : insert).returning({ id: users.id, username: users.username });
      for (const row of created) userIds.set(row.username, row.id);
    }
    const createdAccounts = plan.accounts.filter((account) => userIds.has(account.username));
    await insertInBatches(
      tx,
      roleAssignments,
      createdAccounts.map((account) => ({
        userId: userIdOf(userIds, account.username),
        role: account.role,
        cityId: account.node === null ? null : cityId,
        nodeId: account.node === null ? null : idAt(nodeIds, account.node),
        grantedAt: now,
      })),
    );

    const bindings = createdAccounts.flatMap((account) =>
      (account.departments ?? []).map((index) => ({ cityId, userId: userIdOf(userIds, account.username), departmentId: idAt(departmentIds, index), grantedAt: now })),
    );
    if (bindings.length) await tx.insert(handlerDepartments).values(bindings);

    return {
      cityId,
      accounts: createdAccounts.map((account) => ({
        username: account.username,
        role: account.role,
        nodeName: account.node === null ? null : (plan.nodes[account.node]?.name ?? null),
      })),
    };
  });
}

/** Takes `count` ids from the table's identity sequence, in ascending order. */
async function reserveIds(db: Database, table: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = await db
    .select({ id: sql<number>`nextval(pg_get_serial_sequence(${table}, 'id'))`.mapWith(Number) })
    .from(sql`generate_series(1, ${count}::int)`);
  return rows.map((row) => row.id).sort((a, b) => a - b);
}

async function insertInBatches<TTable extends PgTable>(db: Database, table: TTable, rows: PgInsertValue<TTable, true>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) {
    // The ids were reserved from the sequence above, hence OVERRIDING SYSTEM VALUE on identity columns.
    await db.insert(table).overridingSystemValue().values(rows.slice(start, start + batchSize));
  }
}

function idAt(ids: readonly number[], index: number): number {
  const id = ids[index];
  if (id === undefined) throw new Error(`No id reserved for row ${index}`);
  return id;
}

function userIdOf(userIds: ReadonlyMap<string, number>, username: string): number {
  const id = userIds.get(username);
  if (id === undefined) throw new Error(`The account ${username} was not created`);
  return id;
}

function pathAt(paths: readonly string[], index: number): string {
  const path = paths[index];
  if (path === undefined) throw new Error(`Node ${index} comes before its parent in the plan`);
  return path;
}

function headOf(members: readonly { person: number; relation: string }[]): number {
  const head = members.find((member) => member.relation === "户主");
  if (!head) throw new Error("A household without a head");
  return head.person;
}
