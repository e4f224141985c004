import { Tag } from "antd";
import type { NodeKind } from "../../../shared/permissions";
import { kindLabel, useI18n } from "../i18n";

const colours: Record<NodeKind, string> = {
  city: "red",
  township: "volcano",
  street: "orange",
  village: "green",
  community: "cyan",
  grid: "blue",
  micro_grid: "geekblue",
};

export function KindTag({ kind }: { kind: NodeKind }) {
  const i18n = useI18n();
  return (
    <Tag color={colours[kind]} style={{ marginInlineEnd: 0 }}>
      {kindLabel(i18n, kind)}
    </Tag>
  );
}
