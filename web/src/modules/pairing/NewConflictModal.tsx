import { Form, Input, Modal, Radio, Select } from "antd";
import { useState } from "react";
import { conflictKindLabels } from "../../../../shared/schemas/pairing";
import { pairingApi } from "../../api/pairing";
import { peopleApi } from "../../api/people";
import { navigate } from "../../app/router";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useFormSubmit } from "../../components/forms";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n, type MessageKey } from "../../i18n";

interface EntryForm {
  nodeId: number;
  kind: keyof typeof conflictKindLabels;
  summary: string;
  parties: string;
  riskLevel: number;
  source: "petition" | "hotline";
  responsiblePersonId: number;
}

const names = ["nodeId", "kind", "summary", "parties", "riskLevel", "source", "responsiblePersonId"] as const;

/** A conflict or hazard that came by petition or hotline, entered at the desk; the entry opens when saved. */
export function NewConflictModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const i18n = useI18n();
  const [form] = Form.useForm<EntryForm>();
  const { saving, error, submit } = useFormSubmit(form, names, i18n);
  const [people, setPeople] = useState<{ value: number; label: string }[]>([]);
  const search = async (q: string) => {
    if (!q.trim()) return;
    const found = await peopleApi.list({ q, pageSize: 20 });
    setPeople(found.items.map((person) => ({ value: person.id, label: `${person.name} · ${person.nodeName}` })));
  };
  const save = () =>
    submit(async (values) => {
      const created = await pairingApi.create(values);
      onClose();
      navigate(`/pairing/conflicts/${created.id}`);
    });
  const required = [{ required: true, whitespace: true }];
  return (
    <Modal open={open} onCancel={onClose} onOk={save} confirmLoading={saving} title={i18n.t("pairing.visit.raiseConflict")} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ riskLevel: 2, source: "hotline" }}>
        <Form.Item name="nodeId" label={i18n.t("pairing.field.node")} rules={[{ required: true }]}>
          <OrgTreePicker value={null} onChange={(id) => form.setFieldValue("nodeId", id ?? undefined)} />
        </Form.Item>
        <Form.Item name="kind" label={i18n.t("pairing.conflict.kind")} rules={[{ required: true }]}>
          <Select options={Object.keys(conflictKindLabels).map((kind) => ({ value: kind, label: i18n.t(`pairing.kind.${kind}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="source" label={i18n.t("pairing.conflict.source")} rules={[{ required: true }]}>
          <Radio.Group options={(["hotline", "petition"] as const).map((source) => ({ value: source, label: i18n.t(`pairing.source.${source}`) }))} />
        </Form.Item>
        <Form.Item name="summary" label={i18n.t("pairing.conflict.summary")} rules={required}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="parties" label={i18n.t("pairing.conflict.parties")} rules={required}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="riskLevel" label={i18n.t("pairing.conflict.risk")} rules={[{ required: true }]}>
          <Radio.Group options={[1, 2, 3, 4].map((level) => ({ value: level, label: i18n.t(`pairing.risk.${level}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="responsiblePersonId" label={i18n.t("pairing.conflict.responsible")} rules={[{ required: true }]}>
          <Select showSearch filterOption={false} onSearch={(q) => void search(q)} options={people} />
        </Form.Item>
      </Form>
      {error ? <ErrorAlert error={error} /> : null}
    </Modal>
  );
}
