import { DownloadOutlined } from "@ant-design/icons";
import { Button, Card, Col, Row, Table, type TableProps } from "antd";
import { trainingApi, type ResultRowData } from "../../api/training";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ListPage } from "../../components/ListPage";
import { useAuth } from "../auth/AuthContext";
import { useI18n } from "../../i18n";
import { pageParams, pagingQuery } from "../../lib/query";
import { ExamStatusTag, LevelTag, PassTag } from "./labels";
import { MakeupForm } from "./MakeupForm";

interface Group {
  key: string;
  label: string;
  candidates: number;
  scored: number;
  passed: number;
  averageScore: number | null;
}

/** One test's results: by person (searchable, paged, exportable), by unit, by level and by topic. */
export default function ExamResultsPage({ id }: { id: number }) {
  const i18n = useI18n();
  const { can } = useAuth();
  const { query } = useLocation();
  const paging = pageParams(query);
  const exam = useAsync((signal) => trainingApi.exam(id, signal), [id]);
  const groups = useAsync((signal) => trainingApi.resultGroups(id, signal), [id]);
  const list = useAsync((signal) => trainingApi.examResults(id, paging, signal), [id, paging.page, paging.pageSize]);
  const columns: NonNullable<TableProps<ResultRowData>["columns"]> = [
    { key: "name", title: i18n.t("training.person"), render: (_: unknown, row: ResultRowData) => (row.attemptId ? <a href={`#/training/attempts/${row.attemptId}`}>{row.personName}</a> : row.personName) },
    { key: "node", title: i18n.t("training.node"), dataIndex: "nodeName" },
    { key: "level", title: i18n.t("training.level"), responsive: ["md"], render: (_: unknown, row: ResultRowData) => <LevelTag level={row.level} /> },
    { key: "status", title: i18n.t("training.status"), render: (_: unknown, row: ResultRowData) => <ExamStatusTag status={row.status} /> },
    { key: "score", title: i18n.t("training.score"), align: "right", render: (_: unknown, row: ResultRowData) => (row.score === null ? "—" : row.score) },
    { key: "passed", title: "", render: (_: unknown, row: ResultRowData) => <PassTag passed={row.passed} /> },
  ];
  const groupColumns = (label: (group: Group) => string): NonNullable<TableProps<Group>["columns"]> => [
    { key: "label", title: "", render: (_: unknown, group: Group) => label(group) },
    { key: "scored", title: i18n.t("training.submitted"), align: "right", render: (_: unknown, group: Group) => `${group.scored}/${group.candidates}` },
    { key: "average", title: i18n.t("training.average"), align: "right", render: (_: unknown, group: Group) => group.averageScore ?? "—" },
  ];
  const groupCard = (title: string, rows: Group[] | undefined, label: (group: Group) => string) => (
    <Col xs={24} md={8}>
      <Card size="small" title={title}>
        <Table<Group> rowKey="key" size="small" pagination={false} dataSource={rows ?? []} columns={groupColumns(label)} />
      </Card>
    </Col>
  );
  return (
    <ListPage<ResultRowData>
      pageTestId="training-exam-results-page"
      intro={
        <Row gutter={[12, 12]}>
          {groupCard(i18n.t("training.byNode"), groups.data?.byNode, (group) => group.label)}
          {groupCard(i18n.t("training.byLevel"), groups.data?.byLevel, (group) => i18n.tMaybe(`training.level.${group.key}`) ?? group.key)}
          {groupCard(i18n.t("training.byTopic"), groups.data?.byTopic, (group) => i18n.tMaybe(`training.topic.${group.key}`) ?? group.key)}
        </Row>
      }
      actions={
        <>
          {exam.data?.makeupOf ? (
            <Button href={`#/training/exams/${exam.data.makeupOf}`} data-testid="makeup-original">
              {i18n.t("training.makeupOriginal")}
            </Button>
          ) : null}
          {can("training.manage") && exam.data ? <MakeupForm exam={exam.data} /> : null}
          <Button icon={<DownloadOutlined />} href={`/api/exams/${id}/results/export`} data-testid="results-export">
          {`${i18n.t("training.export")}${exam.data ? ` · ${exam.data.title}` : ""}`}
          </Button>
        </>
      }
      list={list}
      rowKey="candidateId"
      columns={columns}
      testId="training-exam-results"
      empty={i18n.t("common.noData")}
      paging={{ ...paging, onChange: (page, pageSize) => navigate(withQuery(`/training/exams/${id}`, pagingQuery({ page, pageSize }))) }}
    />
  );
}
