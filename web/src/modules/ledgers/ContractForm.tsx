import { Form, Input, Modal, Select, type ButtonProps } from "antd";
import { ledgersApi, type ContractDetailData } from "../../api/ledgers";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useFormSubmit } from "../../components/forms";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n, type MessageKey } from "../../i18n";
import { contractStatusLabels, counterpartyKindLabels, letMethodLabels, objectLabels, procedureLabels, scheduleLabels } from "../../../../shared/schemas/ledgers";
import { counterpartyLabel, letMethodLabel, objectLabel, procedureLabel, scheduleLabel, statusLabel, yuan, yuanTextToFen } from "./labels";

type Values = Record<string, string | number | null | undefined>;

const moneyFields = ["annualPriceFen", "dueFen", "receivedFen"] as const;
const dateRule = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: "YYYY-MM-DD" };

/**
 * A contract added by hand or corrected: every field of the ledger, money typed in yuan and sent in fen.
 * An edit sends only what was changed, so masked counterparty data is never written back over the real one.
 */
export function ContractForm({ contract, villageId, onClose, onSaved }: { contract?: ContractDetailData; villageId?: number; onClose: () => void; onSaved: (saved: ContractDetailData) => void }) {
  const i18n = useI18n();
  const [form] = Form.useForm<Values>();
  const fields: [string, MessageKey][] = [
    ["code", "ledgers.contract.code"],
    ["counterpartyKind", "ledgers.contract.counterpartyKind"],
    ["counterpartyName", "ledgers.contract.counterparty"],
    ["counterpartyIdNumber", "ledgers.contract.idNumber"],
    ["counterpartyPhone", "ledgers.contract.phone"],
    ["object", "ledgers.contract.object"],
    ["objectName", "ledgers.contract.objectName"],
    ["area", "ledgers.contract.area"],
    ["unit", "ledgers.contract.unit"],
    ["startOn", "ledgers.contract.startOn"],
    ["endOn", "ledgers.contract.endOn"],
    ["annualPriceFen", "ledgers.contract.price"],
    ["paymentSchedule", "ledgers.contract.schedule"],
    ["dueFen", "ledgers.contract.due"],
    ["receivedFen", "ledgers.contract.received"],
    ["letMethod", "ledgers.contract.letMethod"],
    ["procedure", "ledgers.contract.procedure"],
    ["procedureOn", "ledgers.contract.procedureOn"],
    ["fileRef", "ledgers.contract.fileRef"],
    ["status", "ledgers.contract.status"],
  ];
  const labels: Record<string, string> = Object.fromEntries([["nodeId", i18n.t("ledgers.village")], ...fields.map(([name, key]) => [name, i18n.t(key)])]);
  const { saving, error, submit } = useFormSubmit(form, Object.keys(labels), i18n);
  const initial: Values = contract
    ? {
        ...Object.fromEntries(fields.map(([name]) => [name, (contract as unknown as Values)[name]])),
        ...Object.fromEntries(moneyFields.map((field) => [field, yuan(contract[field]).replace(/,/g, "")])),
      }
    : { nodeId: villageId, counterpartyKind: "person", object: "land", unit: "亩", paymentSchedule: "annual", letMethod: "public_tender", procedure: "representatives_resolution", status: "active", dueFen: "0", receivedFen: "0" };
  const save = () =>
    submit(async (values) => {
      const names = contract ? Object.keys(values).filter((name) => form.isFieldTouched(name)) : Object.keys(values);
      const body: Record<string, unknown> = {};
      for (const name of names) {
        const value = values[name];
        if (value === undefined || value === null || value === "") continue;
        body[name] = (moneyFields as readonly string[]).includes(name) ? yuanTextToFen(String(value)) : value;
      }
      const saved = contract ? await ledgersApi.updateContract(contract.id, { ...body, version: contract.version }) : await ledgersApi.createContract(body as never);
      onSaved(saved);
    });
  const choice = (name: string, labelsOf: Record<string, string>, label: (key: string) => string) => (
    <Form.Item name={name} label={labels[name]} rules={[{ required: true }]}>
      <Select options={Object.keys(labelsOf).map((value) => ({ value, label: label(value) }))} />
    </Form.Item>
  );
  const text = (name: string, required: boolean, extra: object[] = []) => (
    <Form.Item name={name} label={labels[name]} rules={[{ required, whitespace: true }, ...extra]}>
      <Input />
    </Form.Item>
  );
  const money = { validator: async (_: unknown, value?: string) => (value === undefined || value === "" || yuanTextToFen(String(value)) !== null ? undefined : Promise.reject(new Error(i18n.t("ledgers.contract.moneyRule")))) };
  return (
    <Modal
      open
      title={i18n.t(contract ? "ledgers.contract.edit" : "ledgers.contract.create")}
      onCancel={onClose}
      onOk={() => void save()}
      okText={i18n.t("common.save")}
      cancelText={i18n.t("common.cancel")}
      okButtonProps={{ loading: saving, "data-testid": "contract-save" } as ButtonProps}
      destroyOnHidden
      width={640}
    >
      <ErrorAlert error={error} fieldLabels={labels} />
      <Form<Values> form={form} layout="vertical" initialValues={initial} style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(180px, 1fr))", columnGap: 12 }}>
        {contract ? null : (
          <Form.Item name="nodeId" label={labels.nodeId} rules={[{ required: true }]}>
            <OrgTreePicker allowClear={false} selectableKinds={["village", "community"]} />
          </Form.Item>
        )}
        {text("code", true)}
        {choice("counterpartyKind", counterpartyKindLabels, (key) => counterpartyLabel(i18n, key))}
        {text("counterpartyName", true)}
        {text("counterpartyIdNumber", false)}
        {text("counterpartyPhone", false)}
        {choice("object", objectLabels, (key) => objectLabel(i18n, key))}
        {text("objectName", true)}
        {text("area", true, [{ pattern: /^\d+(\.\d{1,2})?$/, message: "0.00" }])}
        {text("unit", true)}
        {text("startOn", true, [dateRule])}
        {text("endOn", true, [dateRule])}
        {text("annualPriceFen", true, [money])}
        {choice("paymentSchedule", scheduleLabels, (key) => scheduleLabel(i18n, key))}
        {text("dueFen", false, [money])}
        {text("receivedFen", false, [money])}
        {choice("letMethod", letMethodLabels, (key) => letMethodLabel(i18n, key))}
        {choice("procedure", procedureLabels, (key) => procedureLabel(i18n, key))}
        {text("procedureOn", false, [dateRule])}
        {text("fileRef", false)}
        {choice("status", contractStatusLabels, (key) => statusLabel(i18n, key))}
      </Form>
    </Modal>
  );
}
