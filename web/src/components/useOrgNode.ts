import { orgsApi, type OrgNodeDetailData } from "../api/orgs";
import { useAsync, type AsyncState } from "../app/useAsync";

/** One node's detail (name, kind, abilities) for a list filtered to it; nothing to load without an id. */
export function useOrgNode(id: number | undefined): AsyncState<OrgNodeDetailData | null> {
  return useAsync((signal) => (id === undefined ? Promise.resolve(null) : orgsApi.get(id, signal)), [id]);
}

/** The caller's topmost nodes (where their tree starts). */
export function useScopeRoots() {
  return useAsync((signal) => orgsApi.roots(signal), []);
}
