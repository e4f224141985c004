import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Form, Input, Modal, Space, Table, Typography, type ButtonProps } from "antd";
import { useState } from "react";
import { ledgersApi, type DebtData } from "../../api/ledgers";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyFieldErrors } from "../../components/forms";
import { useI18n } from "../../i18n";
import { yuan, yuanTextToFen } from "./labels";

interface Instalment {
  dueOn?: string;
  amount?: string;
}

/**
 * 还款计划: the debt's instalments (due day and amount in yuan), read from the debt and saved whole
 * from the version read; the server refuses a plan above what is outstanding, shown on the rows.
 */
export function DebtPlanForm({ debt, editable, onSaved }: { debt: DebtData; editable: boolean; onSaved: () => void }) {
  const i18n = useI18n();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ instalments: Instalment[] }>();
  const detail = useAsync((signal) => (open ? ledgersApi.debt(debt.id, signal) : Promise.resolve(null)), [open, debt.id]);
  const required = { required: true, message: i18n.t("ledgers.form.required") };
  const close = () => {
    setOpen(false);
    setError(null);
  };
  const planned = (rows: Instalment[] | undefined) => (rows ?? []).reduce((sum, row) => sum + (yuanTextToFen(row?.amount ?? "") ?? 0), 0);
  const save = async () => {
    let values: { instalments: Instalment[] };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (!detail.data) return;
    setSaving(true);
    setError(null);
    try {
      await ledgersApi.savePlan(debt.id, { version: detail.data.version, instalments: (values.instalments ?? []).map((row) => ({ dueOn: row.dueOn!, amountFen: yuanTextToFen(row.amount!)! })) });
      close();
      onSaved();
    } catch (cause) {
      setError(applyFieldErrors(form, cause, ["instalments"], i18n) ? null : cause);
    } finally {
      setSaving(false);
    }
  };
  const watched = Form.useWatch("instalments", form);
  const outstanding = detail.data ? detail.data.amountFen - detail.data.resolvedFen : debt.outstandingFen;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid={`plan-${debt.id}-open`}>
        {i18n.t("ledgers.plan.button")}
      </Button>
      <Modal
        open={open}
        width={640}
        title={i18n.t("ledgers.plan.title", { creditor: debt.creditor })}
        onCancel={close}
        onOk={editable ? () => void save() : close}
        okText={editable ? i18n.t("common.save") : i18n.t("common.ok")}
        cancelText={i18n.t("common.cancel")}
        okButtonProps={{ loading: saving, disabled: editable && !detail.data, "data-testid": `plan-${debt.id}-save` } as ButtonProps}
        destroyOnHidden
      >
        <ErrorAlert error={detail.error ?? error} />
        {detail.data && !editable ? (
          <Table
            rowKey="seq"
            size="small"
            pagination={false}
            dataSource={detail.data.plan}
            locale={{ emptyText: i18n.t("ledgers.plan.none") }}
            columns={[
              { key: "dueOn", dataIndex: "dueOn", title: i18n.t("ledgers.plan.dueOn") },
              { key: "amount", title: i18n.t("ledgers.plan.amount"), align: "right", render: (_: unknown, row: { amountFen: number }) => yuan(row.amountFen) },
            ]}
            data-testid={`plan-${debt.id}-table`}
          />
        ) : null}
        {detail.data && editable ? (
          <Form
            form={form}
            name={`plan_${debt.id}`}
            layout="vertical"
            initialValues={{ instalments: detail.data.plan.map((row) => ({ dueOn: row.dueOn, amount: yuan(row.amountFen).replace(/,/g, "") })) }}
            data-testid={`plan-${debt.id}-form`}
          >
            <Form.List name="instalments">
              {(rows, { add, remove }, { errors }) => (
                <Form.Item label={i18n.t("ledgers.plan.instalments")}>
                  <Space orientation="vertical" style={{ width: "100%" }}>
                    {rows.map((row) => (
                      <Space key={row.key} align="start" data-testid="plan-row">
                        <Form.Item name={[row.name, "dueOn"]} rules={[required, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: "YYYY-MM-DD" }]} style={{ marginBottom: 0 }}>
                          <Input placeholder="YYYY-MM-DD" aria-label={i18n.t("ledgers.plan.dueOn")} data-testid="plan-due" />
                        </Form.Item>
                        <Form.Item
                          name={[row.name, "amount"]}
                          rules={[
                            required,
                            {
                              validator: async (_: unknown, value?: string) => {
                                const fen = value ? yuanTextToFen(value) : null;
                                if (value && (fen === null || fen <= 0)) throw new Error(i18n.t("ledgers.form.positiveMoney"));
                              },
                            },
                          ]}
                          style={{ marginBottom: 0 }}
                        >
                          <Input inputMode="decimal" suffix={i18n.t("ledgers.form.yuan")} aria-label={i18n.t("ledgers.plan.amount")} data-testid="plan-amount" />
                        </Form.Item>
                        <Button icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={i18n.t("ledgers.plan.remove")} data-testid="plan-remove" />
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} disabled={rows.length >= 120} onClick={() => add({})} data-testid="plan-add">
                      {i18n.t("ledgers.plan.add")}
                    </Button>
                    <div data-testid={`plan-${debt.id}-errors`}>
                      <Form.ErrorList errors={errors} />
                    </div>
                  </Space>
                </Form.Item>
              )}
            </Form.List>
            <Typography.Text type={planned(watched) > outstanding ? "danger" : "secondary"} data-testid={`plan-${debt.id}-sum`}>
              {i18n.t("ledgers.plan.sum", { planned: yuan(planned(watched)), outstanding: yuan(outstanding) })}
            </Typography.Text>
          </Form>
        ) : null}
      </Modal>
    </>
  );
}
