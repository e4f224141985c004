import { Alert, App, Button, Form, Input, Modal, Typography, type ButtonProps, type TableProps } from "antd";
import { useMemo, useState } from "react";
import { problemsApi, type ProblemData } from "../../api/problems";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ListFilters, ListPage } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";
import { useProblemColumns, type ProblemColumn } from "./ProblemTable";
import { useFormSubmit } from "../../components/forms";

/** A supervisor's notice (督办) on one problem: it stays on the problem's timeline. */
export function SuperviseModal({ problem, onClose, onDone }: { problem: ProblemData; onClose: () => void; onDone: () => void }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const { saving, error, submit: send } = useFormSubmit(form, ["note"], i18n);
  const submit = () =>
    send(async (values) => {
      await problemsApi.supervise(problem.id, values.note?.trim() ?? "");
      message.success(i18n.t("problems.supervise.done", { code: problem.code }));
      onDone();
    });
  return (
    <Modal
      open
      title={`${i18n.t("problems.action.supervise")} · ${problem.code}`}
      onCancel={onClose}
      onOk={submit}
      okText={i18n.t("problems.action.supervise")}
      cancelText={i18n.t("common.cancel")}
      okButtonProps={{ loading: saving, "data-testid": "supervise-confirm" } as ButtonProps}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <ErrorAlert error={error} />
      <Typography.Paragraph>{problem.title}</Typography.Paragraph>
      <Form form={form} name="supervise" layout="vertical">
        <Form.Item
          name="note"
          label={i18n.t("problems.supervise.note")}
          rules={[{ required: true, whitespace: true, message: i18n.t("common.required", { field: i18n.t("problems.supervise.note") }) }, { max: 500 }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const supervisionColumns: readonly ProblemColumn[] = ["code", "title", "node", "status", "light", "responsible", "deadline", "progress"];

/** 督办: open problems running late (yellow or red) or escalated, the most urgent first. */
export default function SupervisionPage() {
  const i18n = useI18n();
  const location = useLocation();
  const org = positiveInt(location.query.get("org"));
  const { page, pageSize } = pageParams(location.query);
  const [refreshKey, setRefreshKey] = useState(0);
  const [supervising, setSupervising] = useState<ProblemData | null>(null);
  const result = useAsync((signal) => problemsApi.supervision({ org, page, pageSize }, signal), [org, page, pageSize, refreshKey]);
  const go = (next: { org?: number; page?: number; pageSize?: number }) => navigate(withQuery("/problems/supervision", { org: next.org, ...pagingQuery(next) }), { replace: true });
  const actions = useMemo<NonNullable<TableProps<ProblemData>["columns"]>>(
    () => [
      {
        key: "supervise",
        title: i18n.t("common.actions"),
        width: 90,
        fixed: "right",
        render: (_: unknown, p: ProblemData) =>
          p.abilities.supervise === true ? (
            <Button size="small" onClick={() => setSupervising(p)} data-testid="supervise-button">
              {i18n.t("problems.action.supervise")}
            </Button>
          ) : null,
      },
    ],
    [i18n],
  );
  const { columns, scrollX } = useProblemColumns(supervisionColumns, actions);

  return (
    <ListPage<ProblemData>
      intro={<Alert type="info" showIcon title={i18n.t("problems.supervision.hint")} />}
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("problems.filter.org")} style={{ minWidth: 240, flex: "0 1 320px" }}>
            <OrgTreePicker value={org ?? null} onChange={(id) => go({ org: id ?? undefined, pageSize })} />
          </Form.Item>
        </ListFilters>
      }
      list={result}
      columns={columns}
      scrollX={scrollX}
      testId="supervision-table"
      empty={i18n.t("problems.supervision.empty")}
      paging={{ page, pageSize, onChange: (p, size) => go({ org, page: p, pageSize: size }) }}
    >
      {supervising ? (
        <SuperviseModal
          problem={supervising}
          onClose={() => setSupervising(null)}
          onDone={() => {
            setSupervising(null);
            setRefreshKey((n) => n + 1);
          }}
        />
      ) : null}
    </ListPage>
  );
}
