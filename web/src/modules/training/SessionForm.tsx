import { Button, Checkbox, Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import { cadreLevels, trainingTopics, type CadreLevel, type TrainingTopic } from "../../../../shared/schemas/training";
import { trainingApi } from "../../api/training";
import { navigate } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyFieldErrors } from "../../components/forms";
import { useI18n } from "../../i18n";

interface Values {
  classroomId: number;
  planId: number;
  formId: number;
  topic: TrainingTopic;
  title: string;
  place: string;
  startsAt: string;
  endsAt: string;
  audienceLevels: CadreLevel[];
}

/** 新增班次: held in a classroom the caller manages, for the cadres under the classroom's node. */
export function SessionForm() {
  const i18n = useI18n();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const choices = useAsync(async (signal) => {
    const [classrooms, forms, plans] = await Promise.all([trainingApi.classrooms({ pageSize: 200 }, signal), trainingApi.forms(signal), trainingApi.plans({ pageSize: 200 }, signal)]);
    return { classrooms: classrooms.items, forms: forms.items, plans: plans.items };
    // Asked again each time the form opens: a plan or classroom just added is there to choose.
  }, [open]);
  const save = async (values: Values) => {
    setError(null);
    const room = choices.data?.classrooms.find((candidate) => candidate.id === values.classroomId);
    try {
      const created = await trainingApi.createSession({
        ...values,
        // datetime-local is the browser's local time (Asia/Shanghai for the city's staff).
        startsAt: new Date(values.startsAt).toISOString(),
        endsAt: new Date(values.endsAt).toISOString(),
        audienceNodeIds: room ? [room.nodeId] : [],
      });
      setOpen(false);
      navigate(`/training/sessions/${created.id}`);
    } catch (failure) {
      if (!applyFieldErrors(form, failure, ["classroomId", "planId", "formId", "topic", "title", "place", "startsAt", "endsAt", "audienceLevels"], i18n)) setError(failure);
    }
  };
  const required = [{ required: true }];
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="session-new">
        {i18n.t("training.newSession")}
      </Button>
      <Modal open={open} title={i18n.t("training.newSession")} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText={i18n.t("common.save")} cancelText={i18n.t("common.cancel")} destroyOnHidden>
        <ErrorAlert error={error ?? choices.error} />
        <Form<Values> form={form} layout="vertical" onFinish={(values) => void save(values)} initialValues={{ topic: "party_building", audienceLevels: ["township", "village"] }}>
          <Form.Item name="classroomId" label={i18n.t("training.classroom")} rules={required}>
            <Select options={(choices.data?.classrooms ?? []).map((room) => ({ value: room.id, label: room.name }))} />
          </Form.Item>
          <Form.Item name="planId" label={i18n.t("training.plan")} rules={required}>
            <Select options={(choices.data?.plans ?? []).map((plan) => ({ value: plan.id, label: plan.title }))} />
          </Form.Item>
          <Form.Item name="formId" label={i18n.t("training.form")} rules={required}>
            <Select options={(choices.data?.forms ?? []).map((item) => ({ value: item.id, label: item.name }))} />
          </Form.Item>
          <Form.Item name="topic" label={i18n.t("training.topic")} rules={required}>
            <Select options={trainingTopics.map((value) => ({ value, label: i18n.t(`training.topic.${value}`) }))} />
          </Form.Item>
          <Form.Item name="title" label={i18n.t("training.title")} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="place" label={i18n.t("training.place")} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="startsAt" label={i18n.t("training.startsAt")} rules={required}>
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item name="endsAt" label={i18n.t("training.endsAt")} rules={required}>
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item name="audienceLevels" label={i18n.t("training.level")} rules={required}>
            <Checkbox.Group options={cadreLevels.map((value) => ({ value, label: i18n.t(`training.level.${value}`) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
