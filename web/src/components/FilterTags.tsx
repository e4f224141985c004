import { Button, Space, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useI18n } from "../i18n";

export interface FilterTag {
  key: string;
  /** What the tag reads, e.g. "职务：专职网格员". */
  label: ReactNode;
  /** Removes this filter; without it the tag cannot be removed. */
  onRemove?: () => void;
}

/** The filters a list is showing, as tags that each remove their filter, and a way to clear them all. */
export function FilterTags({ tags, onClear }: { tags: readonly FilterTag[]; onClear?: () => void }) {
  const i18n = useI18n();
  if (tags.length === 0) return null;
  return (
    <Space wrap size={[4, 4]} data-testid="filter-tags" style={{ marginBottom: 8 }}>
      <Typography.Text type="secondary">{i18n.t("common.filters")}</Typography.Text>
      {tags.map((tag) => (
        <Tag
          key={tag.key}
          color="red"
          variant="outlined"
          closable={Boolean(tag.onRemove)}
          onClose={(event) => {
            event.preventDefault();
            tag.onRemove?.();
          }}
          closeIcon={tag.onRemove ? undefined : false}
          data-testid={`filter-tag-${tag.key}`}
          style={{ marginInlineEnd: 0, whiteSpace: "normal" }}
        >
          {tag.label}
        </Tag>
      ))}
      {onClear && tags.some((tag) => tag.onRemove) ? (
        <Button type="link" size="small" onClick={onClear} style={{ paddingInline: 4 }}>
          {i18n.t("common.clearFilters")}
        </Button>
      ) : null}
    </Space>
  );
}
