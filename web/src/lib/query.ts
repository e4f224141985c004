/** Reading list filters from the hash's query string. */
export function positiveInt(value: string | null | undefined): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}

export function pageParams(query: URLSearchParams, defaultSize = 20): { page: number; pageSize: number } {
  const pageSize = Math.min(positiveInt(query.get("pageSize")) ?? defaultSize, 200);
  return { page: positiveInt(query.get("page")) ?? 1, pageSize };
}

/** A list's page for its link: left out at the defaults (page 1, 20 a page). */
export function pagingQuery(paging: { page?: number; pageSize?: number }, defaultSize = 20): { page?: number; pageSize?: number } {
  return {
    page: paging.page !== undefined && paging.page > 1 ? paging.page : undefined,
    pageSize: paging.pageSize !== undefined && paging.pageSize !== defaultSize ? paging.pageSize : undefined,
  };
}
