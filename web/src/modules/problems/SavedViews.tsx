import { DeleteOutlined, DownOutlined, SaveOutlined, StarOutlined } from "@ant-design/icons";
import { App, Button, Dropdown, Form, Input, Modal, Space, Typography, type MenuProps } from "antd";
import { useCallback, useState } from "react";
import { useI18n } from "../../i18n";
import { loadViews, MAX_VIEW_NAME, removeView, sameFilters, storeViews, upsertView, type ProblemFilters, type SavedView } from "./query";

/** The caller's saved views in this browser, kept in localStorage under their account. */
export function useSavedViews(userId: number) {
  const [views, setViews] = useState<SavedView[]>(() => loadViews(window.localStorage, userId));
  const update = useCallback(
    (next: SavedView[]) => {
      setViews(next);
      return storeViews(window.localStorage, userId, next);
    },
    [userId],
  );
  return {
    views,
    save: (name: string, filters: ProblemFilters) => update(upsertView(views, name, filters)),
    remove: (name: string) => update(removeView(views, name)),
  };
}

export interface SavedViewsProps {
  userId: number;
  current: ProblemFilters;
  onApply: (filters: ProblemFilters) => void;
}

/** "我的视图": apply a saved filter set, save the current one under a name, or delete one. */
export function SavedViews({ userId, current, onApply }: SavedViewsProps) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const store = useSavedViews(userId);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const active = store.views.find((view) => sameFilters(view.filters, current));

  const items: MenuProps["items"] = [
    ...store.views.map((view) => ({
      key: `view:${view.name}`,
      label: (
        <span style={{ display: "flex", alignItems: "center", gap: 8, justifyContent: "space-between", minWidth: 180 }} data-testid="saved-view">
          <span style={{ fontWeight: view === active ? 600 : undefined }}>{view.name}</span>
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={i18n.t("problems.views.delete", { name: view.name })}
            data-testid="saved-view-delete"
            onClick={(event) => {
              event.stopPropagation();
              store.remove(view.name);
              message.success(i18n.t("problems.views.deleted", { name: view.name }));
            }}
          />
        </span>
      ),
    })),
    ...(store.views.length > 0 ? [{ type: "divider" as const }] : []),
    { key: "save", icon: <SaveOutlined />, label: <span data-testid="saved-view-save">{i18n.t("problems.views.save")}</span> },
  ];

  return (
    <>
      <Dropdown
        trigger={["click"]}
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === "save") {
              form.setFieldsValue({ name: active?.name ?? "" });
              setSaving(true);
              return;
            }
            const view = store.views.find((v) => `view:${v.name}` === key);
            if (view) onApply(view.filters);
          },
        }}
      >
        <Button icon={<StarOutlined />} data-testid="saved-views">
          <Space size={4}>
            {active ? active.name : i18n.t("problems.views.title")}
            {store.views.length > 0 ? <Typography.Text type="secondary">({store.views.length})</Typography.Text> : null}
            <DownOutlined style={{ fontSize: 10 }} />
          </Space>
        </Button>
      </Dropdown>
      <Modal
        open={saving}
        title={i18n.t("problems.views.saveTitle")}
        onCancel={() => setSaving(false)}
        okText={i18n.t("common.save")}
        cancelText={i18n.t("common.cancel")}
        okButtonProps={{ "data-testid": "saved-view-confirm" } as never}
        destroyOnHidden
        onOk={async () => {
          const { name } = await form.validateFields();
          if (store.save(name, current)) message.success(i18n.t("problems.views.saved", { name: name.trim() }));
          else message.error(i18n.t("problems.views.storageFailed"));
          setSaving(false);
        }}
      >
        <Typography.Paragraph type="secondary">{i18n.t("problems.views.hint")}</Typography.Paragraph>
        <Form form={form} layout="vertical" name="savedView">
          <Form.Item name="name" label={i18n.t("problems.views.name")} rules={[{ required: true, whitespace: true, message: i18n.t("common.required", { field: i18n.t("problems.views.name") }) }]}>
            <Input maxLength={MAX_VIEW_NAME} autoFocus data-testid="saved-view-name" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
