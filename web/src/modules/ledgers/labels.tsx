import { Tag } from "antd";
import {
  checkStateLabels,
  contractStatusLabels,
  counterpartyKindLabels,
  flagStateLabels,
  incomeSourceLabels,
  letMethodLabels,
  objectLabels,
  procedureLabels,
  ruleLabels,
  scheduleLabels,
} from "../../../../shared/schemas/ledgers";
import type { I18n } from "../../i18n";

/**
 * The ledgers' vocabularies in the UI language: Chinese from shared/schemas/ledgers.ts (the labels
 * the spreadsheet import reads), English here. Money arrives in integer fen and is shown in yuan.
 */
const english: Record<string, string> = {
  land: "Land",
  pond: "Pond",
  forest: "Forest",
  building: "Building",
  machinery: "Machinery",
  other: "Other",
  person: "Person",
  enterprise: "Enterprise",
  cooperative: "Cooperative",
  public_tender: "Public tender",
  auction: "Auction",
  negotiation: "Negotiation",
  representatives_resolution: "Village representatives' resolution",
  members_meeting: "Villagers' meeting resolution",
  none: "None",
  annual: "Yearly",
  semiannual: "Half-yearly",
  quarterly: "Quarterly",
  lump_sum: "Lump sum",
  active: "In force",
  recovered: "Recovered",
  terminated: "Terminated",
  term_limit: "Term beyond the limit",
  below_benchmark: "Price below the township benchmark",
  no_procedure: "No democratic procedure",
  arrears: "Rent in arrears",
  expired_occupied: "Expired, still occupied",
  no_file: "Contract file missing",
  double_let: "Same object let twice",
  open: "Open",
  raised: "Raised as a problem",
  rectified: "Rectified",
  cleared: "Corrected",
  clean: "No problem",
  flagged: "Problematic",
  contracting: "Contracting",
  assets: "Assets",
  services: "Services",
  dividends: "Cooperative dividends",
  subsidies: "Subsidies",
};

const labelOf = (labels: Record<string, string>) => (i18n: I18n, key: string) => (i18n.locale === "en" ? (english[key] ?? key) : (labels[key] ?? key));
export const objectLabel = labelOf(objectLabels);
export const counterpartyLabel = labelOf(counterpartyKindLabels);
export const letMethodLabel = labelOf(letMethodLabels);
export const procedureLabel = labelOf(procedureLabels);
export const scheduleLabel = labelOf(scheduleLabels);
export const statusLabel = labelOf(contractStatusLabels);
export const ruleLabel = labelOf(ruleLabels);
export const flagStateLabel = labelOf(flagStateLabels);
export const checkStateLabel = labelOf(checkStateLabels);
export const sourceLabel = labelOf(incomeSourceLabels);

export const objectOptions = Object.keys(objectLabels);
export const ruleOptions = Object.keys(ruleLabels);
export const checkStateOptions = Object.keys(checkStateLabels);

/** Fen as yuan with two decimals and grouping, in integers throughout: 123456789 → "1,234,567.89". */
export function yuan(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${whole}.${String(abs % 100).padStart(2, "0")}`;
}

export { yuanTextToFen } from "../../lib/money";

const stateColors: Record<string, string> = { clean: "green", flagged: "red", rectified: "blue", open: "red", raised: "gold", cleared: "default" };

export function StateTag({ state, label }: { state: string; label: string }) {
  return <Tag color={stateColors[state] ?? "default"}>{label}</Tag>;
}
