import { Card, Empty, Table, Typography, type TableProps } from "antd";
import { useMemo, useState } from "react";
import { campaignApi, type MeasureData } from "../../../api/campaign";
import { hrefTo } from "../../../app/router";
import { useAsync } from "../../../app/useAsync";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { ListTotal } from "../../../components/ListTotal";
import { useI18n } from "../../../i18n";
import { ActionKindTag, RefText, SectionHeader, useCampaign } from "../common";

interface Row {
  key: string;
  level: "aspect" | "item" | "measure";
  seq: number;
  name: string;
  count?: number;
  measure?: MeasureData;
  children?: Row[];
}

/**
 * The campaign's content as it was decomposed: aspects (方面) > items (事项) > measures (举措), as one
 * tree table. Each measure names its kind, lead unit, leader, deadline and the project it went into.
 */
export function DecompositionTable({ totalOf }: { totalOf?: "aspects" | "items" }) {
  const i18n = useI18n();
  const { campaign } = useCampaign();
  const data = useAsync(
    async (signal) => {
      const [aspects, items, measures, projects] = await Promise.all([
        campaignApi.aspects(campaign.id, signal),
        campaignApi.items(campaign.id, undefined, signal),
        campaignApi.measures({ campaign: campaign.id, pageSize: 500 }, signal),
        campaignApi.projects({ campaign: campaign.id, level: "concrete", pageSize: 500 }, signal).catch(() => null),
      ]);
      return { aspects, items, measures, projects };
    },
    [campaign.id],
  );

  const rows = useMemo<Row[]>(() => {
    if (!data.data) return [];
    const { aspects, items, measures } = data.data;
    return [...aspects.items]
      .sort((a, b) => a.seq - b.seq)
      .map((aspect) => ({
        key: `a${aspect.id}`,
        level: "aspect" as const,
        seq: aspect.seq,
        name: aspect.name,
        count: aspect.itemCount,
        children: items.items
          .filter((item) => item.aspectId === aspect.id)
          .sort((a, b) => a.seq - b.seq)
          .map((item) => {
            const own = measures.items.filter((m) => m.itemId === item.id).sort((a, b) => a.seq - b.seq);
            return {
              key: `i${item.id}`,
              level: "item" as const,
              seq: item.seq,
              name: item.name,
              count: item.measureCount,
              children: own.length > 0 ? own.map((measure) => ({ key: `m${measure.id}`, level: "measure" as const, seq: measure.seq, name: measure.name, measure })) : undefined,
            };
          }),
      }));
  }, [data.data]);

  const projectNames = useMemo(() => new Map((data.data?.projects?.items ?? []).map((p) => [p.id, p.name])), [data.data]);
  const [expanded, setExpanded] = useState<readonly React.Key[] | null>(null);
  const expandedKeys = expanded ?? rows.map((row) => row.key);

  const columns = useMemo<NonNullable<TableProps<Row>["columns"]>>(
    () => [
      {
        key: "name",
        title: i18n.t("campaign.name"),
        render: (_: unknown, row: Row) => (
          <span style={{ fontWeight: row.level === "aspect" ? 600 : row.level === "item" ? 500 : 400, wordBreak: "break-word" }} data-level={row.level}>
            <Typography.Text type="secondary" style={{ marginInlineEnd: 6 }}>
              {i18n.t(`campaign.${row.level}`)} {row.seq}
            </Typography.Text>
            {row.name}
            {row.count !== undefined ? (
              <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontWeight: 400 }}>
                ({i18n.t("campaign.items.count", { count: row.count })})
              </Typography.Text>
            ) : null}
          </span>
        ),
      },
      { key: "kind", title: i18n.t("campaign.kind"), width: 96, render: (_: unknown, row: Row) => (row.measure ? <ActionKindTag kind={row.measure.kind} /> : null) },
      { key: "unit", title: i18n.t("campaign.leadUnit"), width: 150, responsive: ["md"], render: (_: unknown, row: Row) => (row.measure ? <RefText value={row.measure.leadUnit} /> : null) },
      { key: "leader", title: i18n.t("campaign.leader"), width: 90, responsive: ["lg"], render: (_: unknown, row: Row) => (row.measure ? <RefText value={row.measure.leader} /> : null) },
      { key: "deadline", title: i18n.t("campaign.deadline"), width: 110, responsive: ["sm"], render: (_: unknown, row: Row) => row.measure?.deadline ?? null },
      {
        key: "project",
        title: i18n.t("campaign.project"),
        width: 180,
        responsive: ["md"],
        render: (_: unknown, row: Row) => {
          const id = row.measure?.projectId;
          if (!id) return null;
          return <a href={hrefTo(`/campaign/projects/${id}`)}>{projectNames.get(id) ?? `#${id}`}</a>;
        },
      },
    ],
    [i18n, projectNames],
  );

  const totals = data.data ? { aspects: data.data.aspects.total, items: data.data.items.total, measures: data.data.measures.total } : undefined;
  return (
    <div data-testid="decomposition">
      <SectionHeader
        title={totals ? i18n.t("campaign.decomposition.hint", { aspects: totals.aspects, items: totals.items, measures: totals.measures }) : i18n.t("campaign.decomposition.title")}
        extra={totalOf && totals ? <ListTotal total={totals[totalOf]} unit="count" /> : undefined}
      />
      <ErrorAlert error={data.error} onRetry={data.reload} />
      <Table<Row>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={data.loading}
        pagination={false}
        expandable={{ expandedRowKeys: expandedKeys, onExpandedRowsChange: (keys) => setExpanded(keys) }}
        locale={{ emptyText: data.error ? " " : <Empty description={i18n.t("campaign.empty")} /> }}
        scroll={{ x: "max-content" }}
        data-testid="decomposition-table"
      />
    </div>
  );
}

/** The lists behind campaign.aspects and campaign.items: the tree, with the count the figure gives. */
export default function DecompositionPage({ level }: { level: "aspects" | "items" }) {
  return (
    <Card size="small">
      <DecompositionTable totalOf={level} />
    </Card>
  );
}
