import { Button, Card, Col, List, Row, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { evaluationApi, type PeriodData, type ResultData } from "../../api/evaluation";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { useAuth } from "../auth/AuthContext";
import { GradeTag, scorecardPath } from "./labels";
import { PrefectureCard } from "./PrefectureCard";

const nextActions: Record<PeriodData["status"], ("compute" | "submit" | "return" | "publish")[]> = { draft: ["compute", "submit"], review: ["return", "publish"], published: [] };

/** The office's steps for a period: compute a draft, send it for review, publish it (or return it). */
function PeriodActions({ period, onChanged }: { period: PeriodData; onChanged: (next: PeriodData) => void }) {
  const i18n = useI18n();
  const [error, setError] = useState<unknown>(null);
  const act = async (action: "compute" | "submit" | "return" | "publish") => {
    setError(null);
    try {
      onChanged(await evaluationApi.act(period.id, action, period.version));
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <Space wrap>
      {nextActions[period.status].map((action) => (
        <Button key={action} type={action === "publish" ? "primary" : "default"} onClick={() => void act(action)} data-testid={`period-${action}`}>
          {i18n.t(`evaluation.action.${action}`)}
        </Button>
      ))}
      <ErrorAlert error={error} />
    </Space>
  );
}

function BodyList({ title, rows, color }: { title: string; rows: ResultData[]; color: string }) {
  return (
    <Card size="small" title={<Tag color={color}>{title}</Tag>}>
      <List size="small" dataSource={rows} renderItem={(row) => <List.Item extra={<GradeTag grade={row.grade} />}>{`${row.rank ?? "—"}. ${row.bodyName} ${row.score ?? ""}`}</List.Item>} />
    </Card>
  );
}

/** 比一比: a period's ranking board per kind of body, with 红黑榜; the office computes, reviews and publishes here. */
export default function BoardsPage() {
  const i18n = useI18n();
  const { can } = useAuth();
  const { query } = useLocation();
  const periods = useAsync((signal) => evaluationApi.periods({}, signal), []);
  const list = periods.data?.items ?? [];
  const chosen = positiveInt(query.get("period"));
  const period = list.find((p) => p.id === chosen) ?? list.find((p) => p.status === "published") ?? list[0];
  const board = useAsync((signal) => (period ? evaluationApi.board(period.id, {}, signal) : Promise.resolve(undefined)), [period?.id, period?.version]);
  if (periods.error) return <ErrorAlert error={periods.error} onRetry={periods.reload} />;
  if (!periods.data) return <Loading />;
  const b = board.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="evaluation-boards">
      <Card size="small">
        <Space wrap>
          <Select
            style={{ minWidth: 260 }}
            value={period?.id}
            placeholder={i18n.t("evaluation.noPeriods")}
            onChange={(id: number) => navigate(withQuery("/evaluation", { period: id }))}
            options={list.map((p) => ({ value: p.id, label: `${p.label} · ${i18n.t(`evaluation.kind.${p.bodyKind}`)} · ${i18n.t(`evaluation.status.${p.status}`)}` }))}
            data-testid="period-select"
          />
          {period && can("evaluation.manage") ? <PeriodActions period={period} onChanged={() => periods.reload()} /> : null}
        </Space>
      </Card>
      <ErrorAlert error={board.error} onRetry={board.reload} />
      {b ? (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={24} md={12}>
              <BodyList title={i18n.t("evaluation.red")} rows={b.red} color="red" />
            </Col>
            <Col xs={24} md={12}>
              <BodyList title={i18n.t("evaluation.black")} rows={b.black} color="black" />
            </Col>
          </Row>
          <Card size="small" title={`${b.period.catalogueName} · ${b.period.label} · ${i18n.t("evaluation.version", { version: b.resultVersion })}`}>
            <Table<ResultData>
              rowKey={(row) => `${row.bodyKind}:${row.bodyId}`}
              size="small"
              dataSource={b.items}
              pagination={{ pageSize: 50, simple: true }}
              scroll={{ x: 520 }}
              data-testid="board-table"
              columns={[
                { key: "rank", title: i18n.t("evaluation.rank"), dataIndex: "rank", width: 70 },
                { key: "body", title: i18n.t("evaluation.body"), render: (_: unknown, row) => <a href={hrefTo(scorecardPath(b.period.id, row.bodyKind, row.bodyId))}>{row.bodyName}</a> },
                { key: "parent", title: i18n.t("evaluation.parent"), render: (_: unknown, row) => row.parentName ?? "" },
                { key: "score", title: i18n.t("evaluation.score"), align: "right", render: (_: unknown, row) => row.score ?? i18n.t("evaluation.notScored") },
                { key: "grade", title: i18n.t("evaluation.grade"), render: (_: unknown, row) => <GradeTag grade={row.grade} /> },
              ]}
            />
          </Card>
        </>
      ) : board.loading ? (
        <Loading />
      ) : null}
      <PrefectureCard />
    </Space>
  );
}
