import { Form, Select, type TableProps } from "antd";
import { cadreLevels } from "../../../../shared/schemas/training";
import { trainingApi, type CrossResultData } from "../../api/training";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ListFilters, ListPage } from "../../components/ListPage";
import { useI18n } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";
import { ExamStatusTag, LevelTag, PassTag } from "./labels";

const statuses = ["scored", "passed", "failed", "grading", "in_progress", "not_started"] as const;

/** 测试成绩: results across tests in the caller's area, by level and status (the drill of the pass rates). */
export default function ResultsPage() {
  const i18n = useI18n();
  const { query } = useLocation();
  const org = positiveInt(query.get("org"));
  const level = query.get("level") ?? undefined;
  const status = query.get("status") ?? undefined;
  const paging = pageParams(query);
  const go = (next: Record<string, string | number | undefined>) => navigate(withQuery("/training/results", { org, level, status, ...next }));
  const list = useAsync((signal) => trainingApi.results({ org, level, status, ...paging }, signal), [org, level, status, paging.page, paging.pageSize]);
  const columns: NonNullable<TableProps<CrossResultData>["columns"]> = [
    { key: "name", title: i18n.t("training.person"), render: (_: unknown, row: CrossResultData) => (row.attemptId ? <a href={`#/training/attempts/${row.attemptId}`}>{row.personName}</a> : row.personName) },
    { key: "exam", title: i18n.t("training.exam"), responsive: ["md"], render: (_: unknown, row: CrossResultData) => <a href={`#/training/exams/${row.examId}`}>{row.examTitle}</a> },
    { key: "node", title: i18n.t("training.node"), dataIndex: "nodeName", responsive: ["md"] },
    { key: "level", title: i18n.t("training.level"), render: (_: unknown, row: CrossResultData) => <LevelTag level={row.level} /> },
    { key: "status", title: i18n.t("training.status"), render: (_: unknown, row: CrossResultData) => <ExamStatusTag status={row.status} /> },
    { key: "score", title: i18n.t("training.score"), align: "right", render: (_: unknown, row: CrossResultData) => (row.score === null ? "—" : row.score) },
    { key: "passed", title: "", render: (_: unknown, row: CrossResultData) => <PassTag passed={row.passed} /> },
  ];
  return (
    <ListPage<CrossResultData>
      pageTestId="training-results-page"
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("training.level")}>
            <Select allowClear style={{ minWidth: 110 }} value={level} onChange={(value?: string) => go({ level: value })} options={cadreLevels.map((value) => ({ value, label: i18n.t(`training.level.${value}`) }))} />
          </Form.Item>
          <Form.Item label={i18n.t("training.status")}>
            <Select
              allowClear
              style={{ minWidth: 110 }}
              value={status}
              onChange={(value?: string) => go({ status: value })}
              options={statuses.map((value) => ({ value, label: value === "passed" ? i18n.t("training.passed") : value === "failed" ? i18n.t("training.failed") : i18n.t(`training.status.${value}`) }))}
            />
          </Form.Item>
        </ListFilters>
      }
      list={list}
      rowKey={(row) => `${row.examId}-${row.candidateId}`}
      columns={columns}
      testId="training-results"
      empty={i18n.t("common.noData")}
      paging={{ ...paging, onChange: (page, pageSize) => go({ ...pagingQuery({ page, pageSize }) }) }}
    />
  );
}
