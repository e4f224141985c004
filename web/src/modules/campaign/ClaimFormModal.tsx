import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Typography, type ButtonProps } from "antd";
import { useState } from "react";
import { campaignApi, type ClaimData, type TopicData } from "../../api/campaign";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";
import { applyNestedFieldErrors } from "./actions";
import { useCampaign } from "./common";
import { emptyProject, formFromPlan, milestoneDateProblem, planFromForm, toDay, type PlanProjectForm } from "./plan";

interface ClaimForm {
  unitId?: number;
  summary?: string;
  projects?: PlanProjectForm[];
}

export type ClaimFormMode = { kind: "create"; topic: TopicData } | { kind: "resubmit"; claim: ClaimData };

/**
 * 揭榜 / 领题: a leader claims a topic in person with a statement; a unit takes one with a plan —
 * projects with deadlines, each with milestones in stages. A returned claim is resubmitted here
 * with its plan as it was. Field errors land under their fields; a 409 says why and, for a version
 * conflict, reloads the claim without losing what was typed.
 */
export function ClaimFormModal({ mode, onClose, onSaved }: { mode: ClaimFormMode; onClose: () => void; onSaved: (claim: ClaimData) => void }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const { me } = useCampaign();
  const [form] = Form.useForm<ClaimForm>();
  const [claim, setClaim] = useState<ClaimData | undefined>(mode.kind === "resubmit" ? mode.claim : undefined);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const audience = mode.kind === "create" ? mode.topic.audience : mode.claim.audience;
  const title = mode.kind === "create" ? mode.topic.title : mode.claim.topicTitle;
  const isUnit = audience === "unit";

  const initialValues: ClaimForm =
    mode.kind === "create"
      ? { unitId: me.units[0]?.id, summary: "", projects: isUnit ? [emptyProject()] : [] }
      : { unitId: mode.claim.unit?.id, summary: mode.claim.summary, projects: formFromPlan(mode.claim.projects) };

  const reload = async () => {
    if (!claim) return;
    const fresh = await campaignApi.claim(claim.id);
    setClaim(fresh);
    setError(null);
    message.info(i18n.t("campaign.error.reloaded"));
  };

  const submit = async () => {
    let values: ClaimForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const projects = planFromForm(values.projects);
      const summary = values.summary?.trim() ?? "";
      let saved: ClaimData;
      if (mode.kind === "create") {
        saved = await campaignApi.createClaim({ topicId: mode.topic.id, ...(isUnit && values.unitId ? { unitId: values.unitId } : {}), summary, projects });
        message.success(i18n.t("campaign.claim.submitted"));
      } else {
        saved = await campaignApi.resubmitClaim(mode.claim.id, { version: (claim ?? mode.claim).version, summary, projects });
        message.success(i18n.t("campaign.claim.resubmitted"));
      }
      onSaved(saved);
    } catch (cause) {
      applyNestedFieldErrors(form, cause, i18n.locale);
      setError(cause);
    } finally {
      setSaving(false);
    }
  };

  const required = (field: string) => ({ required: true, whitespace: true, message: i18n.t("common.required", { field }) });
  const requiredDate = (field: string) => ({ required: true, message: i18n.t("common.required", { field }) });

  return (
    <Modal
      open
      width={760}
      title={i18n.t(mode.kind === "resubmit" ? "campaign.claim.titleResubmit" : isUnit ? "campaign.claim.titleUnit" : "campaign.claim.titleLeader", { title })}
      onCancel={onClose}
      onOk={submit}
      okText={i18n.t("campaign.claim.submit")}
      cancelText={i18n.t("common.cancel")}
      okButtonProps={{ loading: saving, "data-testid": "claim-submit" } as ButtonProps}
      destroyOnHidden
      mask={{ closable: false }}
      data-testid="claim-form"
      styles={{ body: { maxHeight: "70vh", overflowY: "auto", paddingInlineEnd: 4 } }}
    >
      <ErrorAlert
        error={error}
        fieldLabels={{ summary: i18n.t("campaign.claim.summary"), unitId: i18n.t("campaign.claim.unit"), projects: i18n.t("campaign.claim.plan") }}
        onReload={mode.kind === "resubmit" ? reload : undefined}
      />
      {mode.kind === "resubmit" && mode.claim.reviewNote ? (
        <Alert type="warning" showIcon title={i18n.t("campaign.claim.reviewNote")} description={mode.claim.reviewNote} style={{ marginBottom: 12 }} />
      ) : null}
      <Form<ClaimForm> form={form} name="claim" layout="vertical" initialValues={initialValues} autoComplete="off">
        {isUnit ? (
          <Form.Item name="unitId" label={i18n.t("campaign.claim.unit")} rules={[{ required: true, message: i18n.t("common.required", { field: i18n.t("campaign.claim.unit") }) }]}>
            <Select disabled={mode.kind === "resubmit" || me.units.length <= 1} options={me.units.map((unit) => ({ value: unit.id, label: unit.name }))} />
          </Form.Item>
        ) : (
          <Typography.Paragraph type="secondary">{i18n.t("campaign.claim.leaderNote")}</Typography.Paragraph>
        )}
        <Form.Item name="summary" label={i18n.t("campaign.claim.summary")} rules={[required(i18n.t("campaign.claim.summary")), { max: 4000 }]}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={4000}
            placeholder={i18n.t(isUnit ? "campaign.claim.summaryUnitHint" : "campaign.claim.summaryLeaderHint")}
          />
        </Form.Item>

        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {i18n.t("campaign.claim.plan")}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {i18n.t("campaign.claim.planHint")}
        </Typography.Paragraph>
        <Form.List
          name="projects"
          rules={[
            {
              validator: async (_rule, value: PlanProjectForm[] | undefined) => {
                if (isUnit && (!value || value.length === 0)) throw new Error(i18n.t("campaign.claim.atLeastOne"));
              },
            },
          ]}
        >
          {(projects, { add, remove }, { errors }) => (
            <>
              {projects.map((project, index) => (
                <Card
                  key={project.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={i18n.t("campaign.claim.projectN", { n: index + 1 })}
                  extra={
                    <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={i18n.t("campaign.claim.removeProject")} onClick={() => remove(project.name)} />
                  }
                  data-testid="plan-project"
                >
                  <Form.Item name={[project.name, "name"]} label={i18n.t("campaign.claim.projectName")} rules={[required(i18n.t("campaign.claim.projectName")), { max: 120 }]}>
                    <Input maxLength={120} />
                  </Form.Item>
                  <div style={{ display: "flex", flexWrap: "wrap", columnGap: 12 }}>
                    <Form.Item name={[project.name, "startsOn"]} label={i18n.t("campaign.startsOn")} style={{ flex: "1 1 150px" }}>
                      <DatePicker style={{ width: "100%" }} />
                    </Form.Item>
                    <Form.Item
                      name={[project.name, "deadline"]}
                      label={i18n.t("campaign.deadline")}
                      style={{ flex: "1 1 150px" }}
                      dependencies={[["projects", project.name, "startsOn"]]}
                      rules={[
                        requiredDate(i18n.t("campaign.deadline")),
                        {
                          validator: async (_rule, value) => {
                            const startsOn = toDay(form.getFieldValue(["projects", project.name, "startsOn"]));
                            const deadline = toDay(value);
                            if (startsOn && deadline && deadline < startsOn) throw new Error(i18n.t("campaign.claim.endsBeforeStart"));
                          },
                        },
                      ]}
                    >
                      <DatePicker style={{ width: "100%" }} />
                    </Form.Item>
                  </div>
                  <Form.Item name={[project.name, "description"]} label={i18n.t("campaign.claim.projectDescription")} rules={[{ max: 4000 }]}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={4000} />
                  </Form.Item>
                  <Typography.Text strong>{i18n.t("campaign.claim.milestones")}</Typography.Text>
                  <Form.List name={[project.name, "milestones"]}>
                    {(milestones, { add: addMilestone, remove: removeMilestone }) => (
                      <div style={{ marginTop: 8 }}>
                        {milestones.map((milestone) => (
                          <div key={milestone.key} style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "flex-start" }} data-testid="plan-milestone">
                            <Form.Item
                              name={[milestone.name, "name"]}
                              rules={[required(i18n.t("campaign.claim.milestoneName")), { max: 120 }]}
                              style={{ flex: "2 1 160px", marginBottom: 8 }}
                            >
                              <Input placeholder={i18n.t("campaign.claim.milestoneName")} aria-label={i18n.t("campaign.claim.milestoneName")} maxLength={120} />
                            </Form.Item>
                            <Form.Item
                              name={[milestone.name, "dueOn"]}
                              dependencies={[
                                ["projects", project.name, "deadline"],
                                ["projects", project.name, "startsOn"],
                              ]}
                              rules={[
                                requiredDate(i18n.t("campaign.claim.dueOn")),
                                {
                                  validator: async (_rule, value) => {
                                    const problem = milestoneDateProblem(form.getFieldValue(["projects", project.name]) as PlanProjectForm | undefined, value);
                                    if (problem) throw new Error(i18n.t(problem === "afterDeadline" ? "campaign.claim.afterDeadline" : "campaign.claim.beforeStart"));
                                  },
                                },
                              ]}
                              style={{ flex: "1 1 130px", marginBottom: 8 }}
                            >
                              <DatePicker placeholder={i18n.t("campaign.claim.dueOn")} aria-label={i18n.t("campaign.claim.dueOn")} style={{ width: "100%" }} />
                            </Form.Item>
                            <Form.Item name={[milestone.name, "stage"]} style={{ flex: "0 0 104px", marginBottom: 8 }}>
                              <InputNumber min={1} max={20} precision={0} prefix={i18n.t("campaign.stage")} aria-label={i18n.t("campaign.stage")} style={{ width: "100%" }} />
                            </Form.Item>
                            <Button
                              type="text"
                              icon={<DeleteOutlined />}
                              aria-label={i18n.t("campaign.claim.removeMilestone")}
                              onClick={() => removeMilestone(milestone.name)}
                              style={{ flex: "none" }}
                            />
                          </div>
                        ))}
                        <Button
                          type="dashed"
                          size="small"
                          icon={<PlusOutlined />}
                          onClick={() => {
                            const previous = (form.getFieldValue(["projects", project.name, "milestones"]) as { stage?: number | null }[] | undefined) ?? [];
                            addMilestone({ name: "", dueOn: null, stage: previous.at(-1)?.stage ?? 1 });
                          }}
                          data-testid="plan-add-milestone"
                        >
                          {i18n.t("campaign.claim.addMilestone")}
                        </Button>
                      </div>
                    )}
                  </Form.List>
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add(emptyProject())} data-testid="plan-add-project">
                {i18n.t("campaign.claim.addProject")}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
