import type { Database } from "../../db/client";
import { notFound } from "../../platform/errors";
import type { EvaluatedBody } from "../../platform/modules";
import { departmentsOfCity, nodesOfCity, unitsOfCity } from "../orgs/service";
import { currentLeaders } from "../people/service";
import type { ScoringBody } from "./scoring";

/**
 * The bodies a catalogue scores, read from the tree and the orgs service: townships and streets,
 * villages and communities (ranked also within their township), departments and units (answering at
 * the city's root, so only city-level roles read their scorecards), and county-level leaders (at the root
 * too, scored by manual indicators, as no module measures a person). A city is one body, its root, whose
 * subtree it answers for.
 */
const nodeKinds: Record<string, readonly string[]> = { township: ["township", "street"], village: ["village", "community"] };

export interface Body extends ScoringBody {
  path: string;
}

export async function bodiesOf(db: Database, cityId: number, kind: string): Promise<Body[]> {
  const kinds = nodeKinds[kind];
  if (kinds) {
    const nodes = await nodesOfCity(db, cityId, kinds);
    const parentIsBody = kind === "village";
    return nodes.map((node) => ({
      kind,
      id: node.id,
      name: node.name,
      nodeId: node.id,
      path: node.path,
      parentId: parentIsBody ? node.parentId : null,
      parentName: parentIsBody ? node.parentName : null,
    }));
  }
  const [root] = await nodesOfCity(db, cityId, ["city"]);
  if (!root) return [];
  if (kind === "city") return [{ kind, id: root.id, name: root.name, nodeId: root.id, path: root.path, parentId: null, parentName: null }];
  const rows =
    kind === "department"
      ? (await departmentsOfCity(db, cityId)).filter((dept) => !dept.retired)
      : kind === "unit"
        ? await unitsOfCity(db, cityId)
        : kind === "leader"
          ? (await currentLeaders(db, cityId)).map((leader) => ({ id: leader.id, name: `${leader.name}（${leader.title}）` }))
          : [];
  return rows.map((row) => ({ kind, id: row.id, name: row.name, nodeId: root.id, path: root.path, parentId: null, parentName: null }));
}

/** One body of the city, or 404. */
export async function bodyOf(db: Database, cityId: number, kind: string, id: number): Promise<Body> {
  const body = (await bodiesOf(db, cityId, kind)).find((candidate) => candidate.id === id);
  if (!body) throw notFound("考评对象");
  return body;
}

/**
 * The body as the modules' indicator sources see it. They measure nodes by subtree, so a city is
 * measured as the node it is (its root, measured like a township's subtree): the same indicators,
 * with no module knowing cities are ranked.
 */
export function evaluated(body: Pick<Body, "kind" | "id" | "path">): EvaluatedBody {
  return { kind: (body.kind === "city" ? "township" : body.kind) as EvaluatedBody["kind"], id: body.id, path: body.path };
}

/** The kind whose indicators a catalogue of this kind may use. */
export const measuredAs = (kind: string): string => (kind === "city" ? "township" : kind);
