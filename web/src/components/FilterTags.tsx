import type { ReactNode } from "react";
import { useI18n } from "../i18n";
import { Button } from "./light";

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
    <div className="zl-row" style={{ gap: 4, marginBottom: 8 }} data-testid="filter-tags">
      <span className="zl-muted">{i18n.t("common.filters")}</span>
      {tags.map((tag) => (
        <span key={tag.key} className="zl-tag zl-tag-red" data-testid={`filter-tag-${tag.key}`} style={{ marginInlineEnd: 0, whiteSpace: "normal" }}>
          {tag.label}
          {tag.onRemove ? (
            <button type="button" className="zl-tag-close" aria-label={i18n.t("common.filterRemove")} onClick={tag.onRemove}>
              ×
            </button>
          ) : null}
        </span>
      ))}
      {onClear && tags.some((tag) => tag.onRemove) ? (
        <Button kind="link" size="small" onClick={onClear}>
          {i18n.t("common.clearFilters")}
        </Button>
      ) : null}
    </div>
  );
}
