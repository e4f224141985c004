import { lazy, Suspense } from "react";
import { drillSets, eventStages, lights } from "../../../../shared/schemas/events";
import { eventsApi, type EventParams, type EventSummaryData } from "../../api/events";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { useNarrow } from "../../app/useNarrow";
import type { FilterTag } from "../../components/FilterTags";
import type { ListSource } from "../../components/ListPage";
import { Loading } from "../../components/PageState";
import { useI18n, type MessageKey } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";
import { oneOf } from "./common";
import { EventCards } from "./EventCards";

// The table and its filters (antd) load only where they are shown: on a phone the list is cards.
const EventTable = lazy(() => import("./EventTable"));

export function eventParamsFromQuery(query: URLSearchParams): EventParams & { page: number; pageSize: number } {
  return {
    org: positiveInt(query.get("org")),
    stage: oneOf(eventStages, query.get("stage")),
    type: positiveInt(query.get("type")),
    department: positiveInt(query.get("department")),
    light: oneOf(lights, query.get("light")),
    drill: oneOf(drillSets, query.get("drill")),
    q: query.get("q") || undefined,
    ...pageParams(query),
  };
}

/** What both views of the list share: the filters from the address, the records, a change of filters, and the filters shown as removable tags. */
export interface EventListView {
  params: ReturnType<typeof eventParamsFromQuery>;
  list: ListSource<EventSummaryData>;
  go: (next: Partial<EventParams>) => void;
  tags: FilterTag[];
}

/** 事件列表: every case in the caller's reach, filtered by place, stage, type, department and light; figures drill down here. */
export default function EventListPage() {
  const i18n = useI18n();
  const narrow = useNarrow();
  const location = useLocation();
  const params = eventParamsFromQuery(location.query);
  const key = JSON.stringify(params);
  const list = useAsync((signal) => eventsApi.list(params, signal), [key]);

  const go = (next: Partial<EventParams>) => {
    const merged = { ...params, page: 1, ...next };
    navigate(withQuery("/events", { ...merged, ...pagingQuery(merged) }), { replace: true });
  };
  const tags: FilterTag[] = [];
  const tag = (name: keyof EventParams, label: string, value: string) =>
    tags.push({ key: name, label: i18n.t("common.filterTag", { label, value }), onRemove: () => go({ [name]: undefined }) });
  if (params.drill) tag("drill", i18n.t("events.field.drill"), i18n.t(`events.drill.${params.drill}` as MessageKey));
  if (params.q) tag("q", i18n.t("events.field.keyword"), params.q);

  const view: EventListView = { params, list, go, tags };
  if (narrow) return <EventCards {...view} />;
  return (
    <Suspense fallback={<Loading />}>
      <EventTable {...view} />
    </Suspense>
  );
}
