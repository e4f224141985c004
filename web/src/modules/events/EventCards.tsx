import { useMemo, type ReactNode } from "react";
import { eventStages, lights } from "../../../../shared/schemas/events";
import { eventsApi } from "../../api/events";
import { navigate } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { useCanOpen } from "../../app/useCanOpen";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FilterTags } from "../../components/FilterTags";
import { Button, Card, Select, Spinner } from "../../components/light";
import { ListTotal } from "../../components/ListTotal";
import { useI18n, type MessageKey } from "../../i18n";
import { EventCard } from "../field/EventCard";
import type { EventListView } from "./EventListPage";

/**
 * 事件列表 on a phone: a card per case (stage, light and deadline within 360 px), the filters a worker
 * uses in the field (stage, type, light), and pages. No antd: the table and its other filters are the
 * wide screen's (EventTable).
 */
export function EventCards({ params, list, go, tags }: EventListView) {
  const i18n = useI18n();
  const canOpen = useCanOpen();
  const types = useAsync((signal) => eventsApi.types(signal), []);
  const typeOptions = useMemo(() => (types.data?.items ?? []).map((t) => ({ value: t.id, label: t.name })), [types.data]);
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / params.pageSize));
  const filter = (label: string, control: (id: string) => ReactNode, id: string) => (
    <label htmlFor={id} style={{ flex: "1 1 100px", minWidth: 0 }}>
      <span className="zl-muted" style={{ fontSize: 12 }}>
        {label}
      </span>
      {control(id)}
    </label>
  );
  const items = list.data?.items ?? [];
  return (
    <div className="zl-stack" data-testid="events-list">
      <Card>
        <div className="zl-row" style={{ alignItems: "flex-end" }}>
          {filter(
            i18n.t("events.field.stage"),
            (id) => (
              <Select id={id} value={params.stage} onChange={(stage) => go({ stage })} placeholder={i18n.t("common.all")} options={eventStages.map((s) => ({ value: s, label: i18n.t(`events.stage.${s}` as MessageKey) }))} testId="filter-stage" />
            ),
            "events-filter-stage",
          )}
          {filter(i18n.t("events.field.type"), (id) => <Select id={id} value={params.type} onChange={(type) => go({ type })} placeholder={i18n.t("common.all")} options={typeOptions} />, "events-filter-type")}
          {filter(
            i18n.t("events.list.filterLight"),
            (id) => (
              <Select id={id} value={params.light} onChange={(light) => go({ light })} placeholder={i18n.t("common.all")} options={lights.map((l) => ({ value: l, label: i18n.t(`events.light.${l}` as MessageKey) }))} testId="filter-light" />
            ),
            "events-filter-light",
          )}
        </div>
      </Card>
      <Card>
        {canOpen("/events/report") ? (
          <Button kind="primary" block onClick={() => navigate("/events/report")} style={{ marginBottom: 8 }}>
            {i18n.t("events.nav.report")}
          </Button>
        ) : null}
        <div style={{ display: "flex", flexWrap: "wrap", alignItems: "baseline", justifyContent: "space-between", gap: 8 }}>
          <div style={{ minWidth: 0 }}>
            <FilterTags tags={tags} />
          </div>
          <ListTotal total={list.data?.total} loading={list.loading} capped={list.data?.totalCapped === true} />
        </div>
        <ErrorAlert error={list.error} onRetry={list.reload} />
        <div className="zl-stack" style={{ gap: 8 }} data-testid="events-table" aria-busy={list.loading}>
          {list.loading && items.length === 0 ? (
            <div className="zl-loading" style={{ minHeight: 120 }}>
              <Spinner />
            </div>
          ) : null}
          {items.map((event) => (
            <EventCard key={event.id} event={event} />
          ))}
          {!list.loading && !list.error && items.length === 0 ? <div className="zl-empty">{i18n.t("common.noData")}</div> : null}
        </div>
        {pages > 1 ? (
          <div className="zl-pager">
            <Button size="small" disabled={params.page <= 1} onClick={() => go({ page: params.page - 1, pageSize: params.pageSize })}>
              {i18n.t("common.previous")}
            </Button>
            <span>
              {params.page} / {pages}
            </span>
            <Button size="small" disabled={params.page >= pages} onClick={() => go({ page: params.page + 1, pageSize: params.pageSize })}>
              {i18n.t("common.next")}
            </Button>
          </div>
        ) : null}
      </Card>
    </div>
  );
}
