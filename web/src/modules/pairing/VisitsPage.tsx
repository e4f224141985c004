import { Button, DatePicker, Form, Modal, Space, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import dayjs from "dayjs";
import { useState } from "react";
import { pairingApi, type VisitData, type VisitParams } from "../../api/pairing";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ListFilters, ListPage } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";
import { useAuth } from "../auth/AuthContext";
import { PhoneCard } from "../field/PhoneCard";

const isoDay = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

/** 走访记录: the visits in the caller's area, notes masked; a role that may see personal data reveals one visit's notes (audited). */
export default function VisitsPage() {
  const i18n = useI18n();
  const auth = useAuth();
  const query = useLocation().query;
  const params: VisitParams & { page: number; pageSize: number } = {
    org: positiveInt(query.get("org")),
    household: positiveInt(query.get("household")),
    from: isoDay(query.get("from")),
    to: isoDay(query.get("to")),
    ...pageParams(query),
  };
  const key = JSON.stringify(params);
  const list = useAsync((signal) => pairingApi.visits(params, signal), [key]);
  const [revealed, setRevealed] = useState<{ id: number; met: string; findings: string } | null>(null);
  const [revealError, setRevealError] = useState<unknown>(null);
  const go = (next: Partial<VisitParams>) => {
    const merged = { ...params, page: 1, ...next };
    navigate(withQuery("/pairing/visits", { ...merged, ...pagingQuery(merged) }), { replace: true });
  };
  const reveal = async (id: number) => {
    setRevealError(null);
    try {
      setRevealed({ id, ...(await pairingApi.revealVisit(id)) });
    } catch (cause) {
      setRevealError(cause);
    }
  };
  const links = (row: VisitData) => [
    row.clueId ? <a key="clue" href={hrefTo("/problems/clues")}>{i18n.t("pairing.visits.clue")}</a> : null,
    row.suggestionId ? <a key="suggestion" href={hrefTo("/pairing/suggestions")}>{i18n.t("pairing.visits.suggestion")}</a> : null,
    row.conflictId ? <a key="conflict" href={hrefTo(`/pairing/conflicts/${row.conflictId}`)}>{i18n.t("pairing.visits.conflict")}</a> : null,
  ];
  const columns: ColumnsType<VisitData> = [
    { key: "day", dataIndex: "visitedOn", title: i18n.t("pairing.visit.day") },
    { key: "person", dataIndex: "personName", title: i18n.t("pairing.field.person") },
    { key: "node", dataIndex: "nodeName", title: i18n.t("pairing.field.node"), responsive: ["md"] },
    { key: "met", dataIndex: "met", title: i18n.t("pairing.visit.met"), responsive: ["md"] },
    { key: "findings", dataIndex: "findings", title: i18n.t("pairing.visit.findings"), render: (text: string) => <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{text}</Typography.Paragraph> },
    { key: "links", title: i18n.t("pairing.visits.links"), render: (_: unknown, row) => <Space wrap>{links(row)}</Space>, responsive: ["lg"] },
    ...(auth.can("person.reveal")
      ? [{ key: "reveal", title: i18n.t("common.actions"), render: (_: unknown, row: VisitData) => <Button size="small" onClick={() => void reveal(row.id)} data-testid="visit-reveal">{i18n.t("pairing.visits.reveal")}</Button> }]
      : []),
  ];
  return (
    <ListPage<VisitData>
      pageTestId="visits-page"
      filters={
        <ListFilters onReset={() => go({ org: undefined, household: undefined, from: undefined, to: undefined })}>
          <Form.Item label={i18n.t("pairing.field.node")} style={{ minWidth: 220 }}>
            <OrgTreePicker value={params.org ?? null} onChange={(id) => go({ org: id ?? undefined })} />
          </Form.Item>
          <Form.Item label={i18n.t("pairing.visits.from")}>
            <DatePicker value={params.from ? dayjs(params.from) : null} onChange={(day) => go({ from: day ? day.format("YYYY-MM-DD") : undefined })} />
          </Form.Item>
          <Form.Item label={i18n.t("pairing.visits.to")}>
            <DatePicker value={params.to ? dayjs(params.to) : null} onChange={(day) => go({ to: day ? day.format("YYYY-MM-DD") : undefined })} />
          </Form.Item>
        </ListFilters>
      }
      list={list}
      columns={columns}
      card={(row) => (
        <PhoneCard
          testId="visit-card"
          recordId={row.id}
          title={row.personName}
          tags={<Space size={4}>{links(row)}</Space>}
          body={row.findings}
          place={row.nodeName}
          when={row.visitedOn}
        />
      )}
      testId="visits-table"
      empty={i18n.t("pairing.visits.empty")}
      paging={{ page: params.page, pageSize: params.pageSize, onChange: (page, pageSize) => go({ page, pageSize } as Partial<VisitParams>) }}
    >
      <ErrorAlert error={revealError} />
      <Modal open={revealed !== null} title={i18n.t("pairing.visits.revealed")} onCancel={() => setRevealed(null)} footer={null} destroyOnHidden>
        <p data-testid="visit-revealed-met">{i18n.t("pairing.visit.met")}：{revealed?.met}</p>
        <p data-testid="visit-revealed-findings">{i18n.t("pairing.visit.findings")}：{revealed?.findings}</p>
        <Typography.Text type="secondary">{i18n.t("pairing.visits.audited")}</Typography.Text>
      </Modal>
    </ListPage>
  );
}
