import { creditorKindLabels, incomeSourceLabels, movementKindLabels } from "../../../../shared/schemas/ledgers";
import type { I18n } from "../../i18n";
import type { FieldSpec } from "../../components/RecordForm";
import { sourceLabel } from "./labels";

/** The fields of each new ledger record, as shared/schemas/ledgers.ts's create bodies name and bound them. */
const options = (labels: Record<string, string>, label: (key: string) => string) => Object.keys(labels).map((value) => ({ value, label: label(value) }));

export const debtFields = (i18n: I18n): FieldSpec[] => [
  { name: "nodeId", label: "ledgers.village", kind: "village" },
  { name: "creditor", label: "ledgers.debt.creditor", kind: "text", max: 100 },
  { name: "creditorKind", label: "ledgers.debt.creditorKind", kind: "choice", options: options(creditorKindLabels, (key) => i18n.t(`ledgers.creditorKind.${key}` as never)) },
  { name: "amountFen", label: "ledgers.debt.amount", kind: "money", positive: true },
  { name: "origin", label: "ledgers.debt.origin", kind: "text", max: 200 },
  { name: "incurredOn", label: "ledgers.debt.incurredOn", kind: "date" },
  { name: "evidence", label: "ledgers.debt.evidence", kind: "text", max: 200 },
];

export const movementFields = (i18n: I18n): FieldSpec[] => [
  { name: "kind", label: "ledgers.movement.kind", kind: "choice", options: options(movementKindLabels, (key) => i18n.t(`ledgers.movementKind.${key}` as never)) },
  { name: "amountFen", label: "ledgers.movement.amount", kind: "money", positive: true },
  { name: "on", label: "ledgers.movement.on", kind: "date" },
  { name: "note", label: "ledgers.movement.note", kind: "text", required: false, max: 200 },
];

export const incomeFields = (i18n: I18n): FieldSpec[] => [
  { name: "nodeId", label: "ledgers.village", kind: "village" },
  { name: "year", label: "ledgers.income.year", kind: "int", min: 2000, max: 2100 },
  { name: "source", label: "ledgers.income.source", kind: "choice", options: options(incomeSourceLabels, (key) => sourceLabel(i18n, key)) },
  { name: "amountFen", label: "ledgers.income.amount", kind: "money" },
  { name: "note", label: "ledgers.movement.note", kind: "text", required: false, max: 200 },
];

export const pairingFields: FieldSpec[] = [
  { name: "nodeId", label: "ledgers.village", kind: "village" },
  { name: "enterprise", label: "ledgers.pairing.enterprise", kind: "text", max: 100 },
  { name: "agreementOn", label: "ledgers.pairing.agreementOn", kind: "date" },
  { name: "project", label: "ledgers.pairing.project", kind: "text", max: 200 },
  { name: "investedFen", label: "ledgers.pairing.invested", kind: "money" },
  { name: "jobs", label: "ledgers.pairing.jobs", kind: "int", min: 0, max: 100_000 },
];

export const cooperativeFields: FieldSpec[] = [
  { name: "nodeId", label: "ledgers.village", kind: "village" },
  { name: "name", label: "ledgers.coop.name", kind: "text", max: 100 },
  { name: "ledByBranch", label: "ledgers.coop.ledByBranch", kind: "bool" },
  { name: "members", label: "ledgers.coop.members", kind: "int", min: 0, max: 1_000_000 },
  { name: "capitalFen", label: "ledgers.coop.capital", kind: "money" },
  { name: "dividendsFen", label: "ledgers.coop.dividends", kind: "money" },
];
