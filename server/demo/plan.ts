import type { NodeKind, RoleName } from "../../shared/permissions";
import {
  departmentSpecs,
  femaleNameCharacters,
  leaderSpecs,
  maleNameCharacters,
  surnames,
  townshipTitles,
  townships,
  unitSpecs,
  villageDirections,
  villageRoots,
  villageSurnameSuffixes,
  villageSurnames,
  type DepartmentSpec,
  type TownshipSpec,
} from "./catalog";
import { hejinExtent, tile, toPolygon, type Polygon, type Rect } from "./geo";
import { IdentityIssuer } from "./identity";
import { apportion, Random } from "./random";

/**
 * The demo city as plain data, before it touches a database. Rows point at each other by their
 * index in these arrays; the loader turns indexes into ids. Everything comes from one fixed seed.
 */

const demoSeed = 20_240_601;

/** The figures from the article (DOMAIN.md) that the structure must reproduce. */
const demoCounts = {
  grids: 527,
  microGrids: 3_590,
  organPartyOrgs: 84,
  townshipCadres: 455,
  reserveCadres: 475,
  /** More than the 145 + 5,096 households that leaders and cadres pair with, so coverage is a real measure. */
  households: 7_180,
} as const;

/** Ages are as of 1 January of this year, fixed rather than read from the clock, so that ID numbers never change between runs. */
const ageReferenceYear = 2026;

export type Gender = "M" | "F";
export type PartyOrgKind = "committee" | "general_branch" | "branch";
export type PostKind = "standing_committee" | "county_leader" | "township_cadre" | "village_secretary" | "grid_worker" | "reserve_cadre";
export type Relation = "户主" | "配偶" | "子女" | "父母";

export interface PlanNode {
  kind: NodeKind;
  code: string;
  name: string;
  parent: number | null;
  depth: number;
  sort: number;
  boundary: Polygon;
}

export interface PlanUnit {
  code: string;
  name: string;
  kind: "organ";
}

export interface PlanPartyOrg {
  node: number;
  parent: number | null;
  unit: number | null;
  kind: PartyOrgKind;
  code: string;
  name: string;
}

export interface PlanPerson {
  node: number;
  name: string;
  gender: Gender;
  phone: string | null;
  idNumber: string;
  address: string;
  /** Set for party members only. */
  partyOrg: number | null;
  joinedPartyOn: string | null;
}

export interface PlanPost {
  person: number;
  node: number;
  unit: number | null;
  post: PostKind;
  title: string;
  startedOn: string;
}

export interface PlanHousehold {
  node: number;
  code: string;
  address: string;
  members: { person: number; relation: Relation }[];
}

export interface PlanAccount {
  username: string;
  displayName: string;
  role: RoleName;
  node: number | null;
  person: number | null;
  /** For a department handler: the departments (indexes into the plan's departments) it acts for. */
  departments?: number[];
}

export interface DemoPlan {
  city: { code: string; name: string; prefecture: string };
  nodes: PlanNode[];
  departments: readonly DepartmentSpec[];
  units: PlanUnit[];
  partyOrgs: PlanPartyOrg[];
  persons: PlanPerson[];
  posts: PlanPost[];
  households: PlanHousehold[];
  accounts: PlanAccount[];
}

/** A village or community, with what people and households there need to know about it. */
interface Place {
  node: number;
  township: TownshipSpec;
  townshipIndex: number;
  name: string;
  code: string;
  kind: "village" | "community";
  rect: Rect;
  partyOrg: number;
  nextHouse: number;
}

interface PersonOptions {
  node: number;
  ageMin: number;
  ageMax: number;
  maleShare: number;
  address: string;
  partyChance: number;
  partyOrg: number;
  gender?: Gender;
  surname?: string;
  /** Only people of 16 and over are given a mobile, and then with this probability (default 1). */
  phoneChance?: number;
}

function pad2(value: number): string {
  return String(value).padStart(2, "0");
}

function pad3(value: number): string {
  return String(value).padStart(3, "0");
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo plan: missing ${what}`);
  return value;
}

export function planDemoCity(): DemoPlan {
  const nodes: PlanNode[] = [];
  const partyOrgs: PlanPartyOrg[] = [];
  const persons: PlanPerson[] = [];
  const posts: PlanPost[] = [];
  const households: PlanHousehold[] = [];
  const addNode = (node: PlanNode): number => nodes.push(node) - 1;
  const addPartyOrg = (org: PlanPartyOrg): number => partyOrgs.push(org) - 1;

  // --- the territorial tree, level by level so that a parent is always inserted before its children
  const treeRandom = Random.forSection(demoSeed, "tree");
  const cityNode = addNode({ kind: "city", code: "hejin", name: "河津市", parent: null, depth: 0, sort: 0, boundary: toPolygon(hejinExtent) });
  const cityParty = addPartyOrg({ node: cityNode, parent: null, unit: null, kind: "committee", code: "P-hejin", name: "中共河津市委员会" });

  const townshipRects = tile(hejinExtent, townships.length);
  const townshipNodes: number[] = [];
  const townshipParties: number[] = [];
  for (const [index, township] of townships.entries()) {
    const node = addNode({
      kind: township.kind,
      code: township.code,
      name: township.name,
      parent: cityNode,
      depth: 1,
      sort: index + 1,
      boundary: toPolygon(must(townshipRects[index], "township rect")),
    });
    townshipNodes.push(node);
    const committee = township.level === "街道" ? "工作委员会" : "委员会";
    townshipParties.push(
      addPartyOrg({ node, parent: cityParty, unit: null, kind: "committee", code: `P-${township.code}`, name: `中共河津市${township.name}${committee}` }),
    );
  }

  const villageNames = drawVillageNames(
    treeRandom,
    townships.reduce((sum, township) => sum + township.villages, 0),
    new Set(townships.flatMap((township) => township.communities)),
  );
  const places: Place[] = [];
  for (const [townshipIndex, township] of townships.entries()) {
    const entries: { kind: Place["kind"]; name: string; code: string }[] = [
      ...township.communities.map((name, i) => ({ kind: "community" as const, name, code: `${township.code}-C${pad3(i + 1)}` })),
      ...Array.from({ length: township.villages }, (_, i) => ({
        kind: "village" as const,
        name: must(villageNames.shift(), "village name"),
        code: `${township.code}-V${pad3(i + 1)}`,
      })),
    ];
    const rects = tile(must(townshipRects[townshipIndex], "township rect"), entries.length);
    for (const [index, entry] of entries.entries()) {
      const rect = must(rects[index], "place rect");
      const node = addNode({
        kind: entry.kind,
        code: entry.code,
        name: entry.name,
        parent: must(townshipNodes[townshipIndex], "township node"),
        depth: 2,
        sort: index + 1,
        boundary: toPolygon(rect),
      });
      const partyOrg = addPartyOrg({
        node,
        parent: must(townshipParties[townshipIndex], "township party"),
        unit: null,
        kind: "branch",
        code: `P-${entry.code}`,
        name: `${township.name}${entry.name}党支部`,
      });
      places.push({ node, township, townshipIndex, name: entry.name, code: entry.code, kind: entry.kind, rect, partyOrg, nextHouse: 1 });
    }
  }

  // Communities are denser than villages, so they get more grids.
  const gridCounts = apportion(
    demoCounts.grids,
    places.map((place) => (place.kind === "community" ? treeRandom.between(2, 3) : treeRandom.between(0.7, 1.5))),
    1,
  );
  const grids: { node: number; place: Place; number: number; rect: Rect }[] = [];
  for (const [placeIndex, place] of places.entries()) {
    const count = must(gridCounts[placeIndex], "grid count");
    for (const [index, rect] of tile(place.rect, count).entries()) {
      const code = `${place.code}-G${index + 1}`;
      const node = addNode({ kind: "grid", code, name: `${place.name}第${index + 1}网格`, parent: place.node, depth: 3, sort: index + 1, boundary: toPolygon(rect) });
      grids.push({ node, place, number: index + 1, rect });
    }
  }

  const microCounts = apportion(demoCounts.microGrids, grids.map(() => treeRandom.between(0.6, 1.4)), 3);
  const microGrids: { node: number; place: Place; code: string }[] = [];
  for (const [gridIndex, grid] of grids.entries()) {
    const count = must(microCounts[gridIndex], "micro-grid count");
    for (const [index, rect] of tile(grid.rect, count).entries()) {
      const code = `${grid.place.code}-G${grid.number}-M${index + 1}`;
      const node = addNode({
        kind: "micro_grid",
        code,
        name: `${grid.place.name}第${grid.number}网格第${index + 1}微网格`,
        parent: grid.node,
        depth: 4,
        sort: index + 1,
        boundary: toPolygon(rect),
      });
      microGrids.push({ node, place: grid.place, code });
    }
  }

  // --- units and their party organisations: one top organisation each, branches under the bigger ones
  const units: PlanUnit[] = unitSpecs.map((spec) => ({ code: spec.code, name: spec.name, kind: "organ" }));
  const unitParties: number[] = [];
  for (const [unitIndex, spec] of unitSpecs.entries()) {
    const org = (kind: PartyOrgKind, parent: number, suffix: string, code: string): PlanPartyOrg => ({
      node: cityNode,
      parent,
      unit: unitIndex,
      kind,
      code: `P-U-${spec.code}${code}`,
      name: `${spec.name}${suffix}`,
    });
    if (spec.partyOrgs <= 2) {
      unitParties.push(addPartyOrg(org("branch", cityParty, "机关党支部", "")));
      if (spec.partyOrgs === 2) addPartyOrg(org("branch", cityParty, "离退休干部党支部", "-R"));
      continue;
    }
    const top = addPartyOrg(org(spec.partyOrgs === 3 ? "general_branch" : "committee", cityParty, spec.partyOrgs === 3 ? "机关党总支" : "机关党委", ""));
    unitParties.push(top);
    for (let branch = 1; branch < spec.partyOrgs; branch++) addPartyOrg(org("branch", top, `第${branch}党支部`, `-${branch}`));
  }
  const organPartyOrgs = partyOrgs.filter((org) => org.unit !== null).length;
  if (organPartyOrgs !== demoCounts.organPartyOrgs) throw new Error(`demo plan: ${organPartyOrgs} city-organ party organisations`);

  // --- people
  const peopleRandom = Random.forSection(demoSeed, "people");
  const issuer = new IdentityIssuer(Random.forSection(demoSeed, "identity"));

  const addressIn = (place: Place): string => {
    const house = place.nextHouse++;
    const prefix = `山西省河津市${place.township.name}${place.name}`;
    if (place.kind === "village") return `${prefix}${house}号`;
    // Flats: 2 units of 12 floors with 2 flats each make 48 per building.
    const inBuilding = (house - 1) % 48;
    return `${prefix}${Math.floor((house - 1) / 48) + 1}号楼${Math.floor(inBuilding / 24) + 1}单元${Math.floor((inBuilding % 24) / 2) + 1}0${(inBuilding % 2) + 1}室`;
  };

  // Born in the year before the reference year minus the age: `age` years old on its first day, never born in the future.
  const birthDate = (age: number): string => {
    const dayMs = 86_400_000;
    return new Date(Date.UTC(ageReferenceYear - age - 1, 0, 1) + peopleRandom.int(0, 364) * dayMs).toISOString().slice(0, 10);
  };

  const personName = (gender: Gender, surname?: string): string => {
    const family = surname ?? peopleRandom.weighted(surnames);
    const characters = gender === "M" ? maleNameCharacters : femaleNameCharacters;
    const given = peopleRandom.chance(0.15) ? peopleRandom.pick(characters) : peopleRandom.pick(characters) + peopleRandom.pick(characters);
    return family + given;
  };

  const ages: number[] = [];
  const addPerson = (options: PersonOptions): number => {
    const gender = options.gender ?? (peopleRandom.chance(options.maleShare) ? "M" : "F");
    const age = peopleRandom.int(options.ageMin, options.ageMax);
    const born = birthDate(age);
    ages.push(age);
    const isMember = age >= 20 && peopleRandom.chance(options.partyChance);
    const joinedYear = isMember ? Number(born.slice(0, 4)) + peopleRandom.int(19, Math.max(19, Math.min(age - 1, 40))) : 0;
    return (
      persons.push({
        node: options.node,
        name: personName(gender, options.surname),
        gender,
        phone: age >= 16 && peopleRandom.chance(options.phoneChance ?? 1) ? issuer.phone() : null,
        idNumber: issuer.idNumber(born, gender),
        address: options.address,
        partyOrg: isMember ? options.partyOrg : null,
        joinedPartyOn: isMember ? `${joinedYear}-${pad2(peopleRandom.int(1, 12))}-${pad2(peopleRandom.int(1, 28))}` : null,
      }) - 1
    );
  };

  const startedOn = (): string => `${peopleRandom.int(2016, 2024)}-${pad2(peopleRandom.int(1, 12))}-${pad2(peopleRandom.int(1, 28))}`;
  const addPost = (post: Omit<PlanPost, "startedOn" | "unit"> & { unit?: number | null }): void => {
    posts.push({ ...post, unit: post.unit ?? null, startedOn: startedOn() });
  };

  // County-level leaders live in the city proper.
  const urbanPlaces = places.filter((place) => place.township.code === "T01");
  const leaders: number[] = [];
  for (const spec of leaderSpecs) {
    const unitIndex = spec.unit === undefined ? -1 : unitSpecs.findIndex((unit) => unit.code === spec.unit);
    const person = addPerson({
      node: cityNode,
      ageMin: 46,
      ageMax: 58,
      maleShare: 0.85,
      address: addressIn(peopleRandom.pick(urbanPlaces)),
      partyChance: 1,
      partyOrg: unitIndex >= 0 ? must(unitParties[unitIndex], "unit party") : cityParty,
    });
    leaders.push(person);
    const unit = unitIndex >= 0 ? unitIndex : null;
    if (spec.standingCommittee) addPost({ person, node: cityNode, unit, post: "standing_committee", title: spec.title });
    addPost({ person, node: cityNode, unit, post: "county_leader", title: spec.title });
  }

  // Households per micro-grid first: township cadres are spread in proportion to the households they pair with.
  const householdCounts = apportion(demoCounts.households, microGrids.map(() => peopleRandom.between(0.5, 1.5)), 1);
  const householdsByTownship = townships.map(() => 0);
  for (const [index, micro] of microGrids.entries()) {
    householdsByTownship[micro.place.townshipIndex] = must(householdsByTownship[micro.place.townshipIndex], "township") + must(householdCounts[index], "households");
  }

  const cadreCounts = apportion(demoCounts.townshipCadres, householdsByTownship, 20);
  const townshipCadres: number[][] = [];
  for (const [townshipIndex, township] of townships.entries()) {
    const node = must(townshipNodes[townshipIndex], "township node");
    const ownPlaces = places.filter((place) => place.townshipIndex === townshipIndex);
    const titles = townshipTitles(township.level);
    const cadres: number[] = [];
    for (let index = 0; index < must(cadreCounts[townshipIndex], "cadre count"); index++) {
      const person = addPerson({
        node,
        ageMin: 24,
        ageMax: 56,
        maleShare: 0.65,
        address: addressIn(peopleRandom.pick(ownPlaces)),
        partyChance: index < titles.length ? 1 : 0.85,
        partyOrg: must(townshipParties[townshipIndex], "township party"),
      });
      cadres.push(person);
      addPost({ person, node, post: "township_cadre", title: titles[index] ?? "包村干部" });
    }
    townshipCadres.push(cadres);
  }

  const secretaries = places.map((place) => {
    const person = addPerson({
      node: place.node,
      ageMin: 35,
      ageMax: 62,
      maleShare: place.kind === "village" ? 0.85 : 0.5,
      address: addressIn(place),
      partyChance: 1,
      partyOrg: place.partyOrg,
    });
    const title = place.kind === "village" ? "村党支部书记、村委会主任" : "社区党支部书记、居委会主任";
    addPost({ person, node: place.node, post: "village_secretary", title });
    return person;
  });

  const gridWorkers = grids.map((grid) => {
    const person = addPerson({
      node: grid.node,
      ageMin: 24,
      ageMax: 50,
      maleShare: 0.45,
      address: addressIn(grid.place),
      partyChance: 0.5,
      partyOrg: grid.place.partyOrg,
    });
    addPost({ person, node: grid.node, post: "grid_worker", title: "专职网格员" });
    return person;
  });

  const reserveCounts = apportion(demoCounts.reserveCadres, places.map(() => peopleRandom.between(0.5, 1.5)), 2);
  for (const [placeIndex, place] of places.entries()) {
    for (let index = 0; index < must(reserveCounts[placeIndex], "reserve count"); index++) {
      const person = addPerson({
        node: place.node,
        ageMin: 22,
        ageMax: 40,
        maleShare: 0.6,
        address: addressIn(place),
        partyChance: 0.7,
        partyOrg: place.partyOrg,
      });
      addPost({ person, node: place.node, post: "reserve_cadre", title: place.kind === "village" ? "村级后备干部" : "社区后备干部" });
    }
  }

  // --- households and their residents
  const sizeWeights = [
    [1, 15],
    [2, 35],
    [3, 30],
    [4, 20],
  ] as const;
  for (const [microIndex, micro] of microGrids.entries()) {
    for (let number = 1; number <= must(householdCounts[microIndex], "households"); number++) {
      const address = addressIn(micro.place);
      const resident = (options: Omit<PersonOptions, "node" | "address" | "partyOrg" | "partyChance" | "maleShare"> & { maleShare?: number }): number =>
        addPerson({ node: micro.node, address, partyOrg: micro.place.partyOrg, partyChance: 0.08, maleShare: 0.5, phoneChance: 0.9, ...options });
      const size = peopleRandom.weighted(sizeWeights);
      const headSurname = peopleRandom.weighted(surnames);
      const head = resident({ ageMin: 28, ageMax: 78, maleShare: 0.8, surname: headSurname });
      const headPerson = must(persons[head], "head");
      const headAge = must(ages[head], "head age");
      const members: PlanHousehold["members"] = [{ person: head, relation: "户主" }];
      // Children carry the father's family name.
      let fatherSurname = headPerson.gender === "M" ? headSurname : undefined;
      if (size >= 2 && peopleRandom.chance(0.85)) {
        const spouseGender: Gender = headPerson.gender === "M" ? "F" : "M";
        const spouseSurname = peopleRandom.weighted(surnames);
        if (spouseGender === "M") fatherSurname = spouseSurname;
        const spouseAge = Math.max(20, headAge + peopleRandom.int(-5, 4));
        members.push({ person: resident({ ageMin: spouseAge, ageMax: spouseAge, gender: spouseGender, surname: spouseSurname }), relation: "配偶" });
      }
      while (members.length < size) {
        if (headAge <= 62 && peopleRandom.chance(0.3)) {
          const gender: Gender = peopleRandom.chance(0.5) ? "M" : "F";
          const surname = gender === "M" && headPerson.gender === "M" ? headSurname : undefined;
          members.push({ person: resident({ ageMin: headAge + 22, ageMax: Math.min(95, headAge + 32), gender, surname }), relation: "父母" });
        } else {
          const young = Math.max(0, headAge - 45);
          members.push({
            person: resident({ ageMin: young, ageMax: headAge - 22, surname: fatherSurname }),
            relation: "子女",
          });
        }
      }
      households.push({ node: micro.node, code: `${micro.code}-H${number}`, address, members });
    }
  }

  // --- accounts, one per role, on fixed people and places that demos and browser tests can rely on
  const qingjian = townships.findIndex((township) => township.name === "清涧街道");
  const fancun = townships.findIndex((township) => township.name === "樊村镇");
  const secretaryPlaceIndex = places.findIndex((place) => place.township.code === "T02" && place.kind === "village");
  const secretaryPlace = must(places[secretaryPlaceIndex], "a village of 清涧街道");
  const gridIndex = grids.findIndex((grid) => grid.place === secretaryPlace);
  const nameOf = (person: number): string => must(persons[person], "account person").name;
  const cityLeader = must(leaders[0], "city secretary");
  const qingjianCadre = must(townshipCadres[qingjian]?.[0], "清涧街道 cadre");
  const fancunCadre = must(townshipCadres[fancun]?.[0], "樊村镇 cadre");
  const villageSecretary = must(secretaries[secretaryPlaceIndex], "village secretary");
  const gridWorker = must(gridWorkers[gridIndex], "grid worker");
  const accounts: PlanAccount[] = [
    { username: "admin.office", displayName: "专项行动办公室", role: "campaign_admin", node: cityNode, person: null },
    { username: "leader.city", displayName: nameOf(cityLeader), role: "leader", node: cityNode, person: cityLeader },
    { username: "unit.zzb", displayName: "市委组织部", role: "unit_staff", node: cityNode, person: null },
    { username: "cadre.qingjian", displayName: nameOf(qingjianCadre), role: "township_cadre", node: must(townshipNodes[qingjian], "清涧街道"), person: qingjianCadre },
    { username: "cadre.fancun", displayName: nameOf(fancunCadre), role: "township_cadre", node: must(townshipNodes[fancun], "樊村镇"), person: fancunCadre },
    {
      username: `secretary.${secretaryPlace.code.toLowerCase()}`,
      displayName: nameOf(villageSecretary),
      role: "village_secretary",
      node: secretaryPlace.node,
      person: villageSecretary,
    },
    { username: "grid.worker1", displayName: nameOf(gridWorker), role: "grid_worker", node: must(grids[gridIndex], "grid").node, person: gridWorker },
    // Bound to one department: it sees and handles only what is dispatched to 市综合行政执法局 or summons it.
    { username: "dept.handler", displayName: "部门处置员", role: "department_handler", node: cityNode, person: null, departments: [departmentSpecs.findIndex((d) => d.code === "D03")] },
    { username: "supervisor.city", displayName: "市委督导组", role: "supervisor", node: cityNode, person: null },
    { username: "sysadmin", displayName: "系统管理员", role: "sys_admin", node: null, person: null },
    { username: "secadmin", displayName: "安全管理员", role: "security_admin", node: null, person: null },
    { username: "auditadmin", displayName: "审计管理员", role: "audit_admin", node: null, person: null },
    // Reads every city's figures: in a province of one demo city, the province's figures are 河津市's.
    { username: "province.zzb", displayName: "省委组织部", role: "province_reader", node: null, person: null },
  ];

  return { city: { code: "hejin", name: "河津市", prefecture: "运城市" }, nodes, departments: departmentSpecs, units, partyOrgs, persons, posts, households, accounts };
}

/** `count` distinct village names from the patterns in the catalogue, none equal to a name in `taken`. */
function drawVillageNames(random: Random, count: number, taken: ReadonlySet<string>): string[] {
  const candidates = [
    ...villageSurnames.flatMap((surname) => villageSurnameSuffixes.map((suffix) => surname + suffix)),
    ...villageDirections.flatMap((direction) => villageRoots.map((root) => direction + root)),
  ].filter((name) => !taken.has(name));
  const names = random.shuffled(candidates).slice(0, count);
  if (names.length < count) throw new Error("demo plan: not enough village names");
  return names;
}
