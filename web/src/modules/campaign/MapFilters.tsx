import { Form, Select } from "antd";
import type { BattleMapParams } from "../../api/campaign";
import { ListFilters, useMoreFilters } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n } from "../../i18n";
import { LightBadge, lights, projectLevels, projectStatuses, type Light, type ProjectLevelName, type ProjectStatusName } from "./common";

type Option = { value: number; label: string };

export interface MapFiltersProps {
  params: BattleMapParams;
  onChange: (next: Partial<BattleMapParams>) => void;
  taskForces: Option[];
  leaders: Option[];
  units: Option[];
}

/** The battle map's filters; on a phone the unit and light show until more are asked for (or are in use). */
export function MapFilters({ params, onChange, taskForces, leaders, units }: MapFiltersProps) {
  const i18n = useI18n();
  const more = useMoreFilters(Boolean(params.taskForce || params.leader || params.node || params.level || params.status));
  const hidden = !more.shown;
  const all = i18n.t("campaign.filter.all");
  return (
    <ListFilters more={more}>
      <Form.Item label={i18n.t("campaign.filter.taskForce")} hidden={hidden}>
        <Select<number> allowClear style={{ width: 170 }} value={params.taskForce} onChange={(value) => onChange({ taskForce: value ?? undefined })} options={taskForces} placeholder={all} data-testid="map-filter-taskForce" />
      </Form.Item>
      <Form.Item label={i18n.t("campaign.filter.leader")} hidden={hidden}>
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          style={{ width: 170 }}
          value={params.leader}
          onChange={(value) => onChange({ leader: value ?? undefined })}
          options={leaders}
          placeholder={all}
          data-testid="map-filter-leader"
        />
      </Form.Item>
      <Form.Item label={i18n.t("campaign.filter.unit")}>
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          style={{ width: 170 }}
          value={params.unit}
          onChange={(value) => onChange({ unit: value ?? undefined })}
          options={units}
          placeholder={all}
          data-testid="map-filter-unit"
        />
      </Form.Item>
      <Form.Item label={i18n.t("campaign.filter.node")} hidden={hidden}>
        <OrgTreePicker value={params.node ?? null} onChange={(id) => onChange({ node: id ?? undefined })} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item label={i18n.t("campaign.filter.level")} hidden={hidden}>
        <Select<ProjectLevelName>
          allowClear
          style={{ width: 120 }}
          value={params.level}
          onChange={(value) => onChange({ level: value ?? undefined })}
          options={projectLevels.map((level) => ({ value: level, label: i18n.t(`campaign.level.${level}`) }))}
          placeholder={all}
        />
      </Form.Item>
      <Form.Item label={i18n.t("campaign.filter.status")} hidden={hidden}>
        <Select<ProjectStatusName>
          allowClear
          style={{ width: 120 }}
          value={params.status}
          onChange={(value) => onChange({ status: value ?? undefined })}
          options={projectStatuses.map((status) => ({ value: status, label: i18n.t(`campaign.status.${status}`) }))}
          placeholder={all}
          data-testid="map-filter-status"
        />
      </Form.Item>
      <Form.Item label={i18n.t("campaign.filter.light")}>
        <Select<Light>
          allowClear
          style={{ width: 110 }}
          value={params.light}
          onChange={(value) => onChange({ light: value ?? undefined })}
          options={lights.map((light) => ({ value: light, label: <LightBadge light={light} /> }))}
          placeholder={all}
          data-testid="map-filter-light"
        />
      </Form.Item>
    </ListFilters>
  );
}
