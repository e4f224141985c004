import { z } from "zod";
import {
  ChildrenQuery,
  CreateNodeBody,
  DescendantsQuery,
  Department,
  MoveNodeBody,
  NodeHistoryEntry,
  OrgList,
  OrgNode,
  OrgNodeDetail,
  PartyOrg,
  RetireNodeBody,
  SearchQuery,
  Unit,
  UpdateNodeBody,
} from "../../../shared/schemas/orgs";
import { pageOf } from "../../../shared/schemas/common";
import { request } from "./client";

export type OrgNodeData = z.output<typeof OrgNode>;
export type OrgNodeDetailData = z.output<typeof OrgNodeDetail>;
export type OrgListData = z.output<typeof OrgList>;
export type NodeHistoryEntryData = z.output<typeof NodeHistoryEntry>;
export type DepartmentData = z.output<typeof Department>;
export type UnitData = z.output<typeof Unit>;
export type PartyOrgData = z.output<typeof PartyOrg>;
export type ChildrenParams = Partial<z.output<typeof ChildrenQuery>>;
export type DescendantsParams = Partial<z.output<typeof DescendantsQuery>>;
export type SearchParams = z.output<typeof SearchQuery>;
export type CreateNodeInput = z.input<typeof CreateNodeBody>;
export type UpdateNodeInput = z.input<typeof UpdateNodeBody>;
export type MoveNodeInput = z.input<typeof MoveNodeBody>;
export type RetireNodeInput = z.input<typeof RetireNodeBody>;

const HistoryList = z.object({ items: z.array(NodeHistoryEntry) });
const DepartmentList = z.object({ items: z.array(Department) });
const UnitList = z.object({ items: z.array(Unit) });
const PartyOrgList = z.object({ items: z.array(PartyOrg) });
const OrgPage = pageOf(OrgNode);
export type OrgPageData = z.output<typeof OrgPage>;

export const orgsApi = {
  roots: (signal?: AbortSignal) => request("GET", "/orgs/roots", { schema: OrgList, signal }),
  get: (id: number, signal?: AbortSignal) => request("GET", `/orgs/${id}`, { schema: OrgNodeDetail, signal }),
  children: (id: number, params: ChildrenParams = {}, signal?: AbortSignal) =>
    request("GET", `/orgs/${id}/children`, { schema: OrgList, query: params, signal }),
  /** The nodes of a subtree (optionally of one kind, or matching q), paged: the list behind a count. */
  descendants: (id: number, params: DescendantsParams = {}, signal?: AbortSignal) =>
    request("GET", `/orgs/${id}/descendants`, { schema: OrgPage, query: params, signal }),
  search: (params: { q: string; limit?: number }, signal?: AbortSignal) =>
    request("GET", "/orgs/search", { schema: OrgList, query: params, signal }),
  create: (body: CreateNodeInput) => request("POST", "/orgs", { schema: OrgNode, body }),
  update: (id: number, body: UpdateNodeInput) => request("PATCH", `/orgs/${id}`, { schema: OrgNode, body }),
  move: (id: number, body: MoveNodeInput) => request("POST", `/orgs/${id}/move`, { schema: OrgNode, body }),
  retire: (id: number, body: RetireNodeInput) => request("POST", `/orgs/${id}/retire`, { schema: OrgNode, body }),
  history: (id: number, signal?: AbortSignal) => request("GET", `/orgs/${id}/history`, { schema: HistoryList, signal }),
  departments: (signal?: AbortSignal) => request("GET", "/departments", { schema: DepartmentList, signal }),
  units: (signal?: AbortSignal) => request("GET", "/units", { schema: UnitList, signal }),
  partyOrgs: (org?: number, signal?: AbortSignal) => request("GET", "/party-orgs", { schema: PartyOrgList, query: { org }, signal }),
};
