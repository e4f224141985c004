import { sql } from "drizzle-orm";
import { bigint, boolean, check, customType, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { cityId, createdAt, day, id, ref, stamp, updatedAt, version } from "./columns";
import { orgNodes } from "./orgs";

/** Money is integer fen (分) everywhere: bigint columns read as JS numbers, exact up to 2^53 fen. */
const fen = (name: string) => bigint(name, { mode: "number" });

/**
 * The city's rule settings for the contract checks (清合同): term limits per object, the share below
 * the township benchmark that trips a flag, the income bands. One row per city; absent means defaults.
 */
export const ledgerSettings = pgTable("ledger_settings", {
  cityId: bigint("city_id", { mode: "number" }).primaryKey(),
  rules: jsonb("rules").notNull(),
  version: version(),
  updatedAt: updatedAt(),
});

/** A township's benchmark price for an object let by the unit (fen per unit per year). */
export const ledgerBenchmarks = pgTable(
  "ledger_benchmarks",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    object: text("object").notNull(),
    unit: text("unit").notNull(),
    priceFen: fen("price_fen").notNull(),
    version: version(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("ledger_benchmarks_key").on(t.nodeId, t.object, t.unit),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "ledger_benchmarks_node_fk" }),
    check("ledger_benchmarks_price", sql`${t.priceFen} >= 0`),
  ],
);

/** 村集体合同: one contract of a village collective, as its ledger records it. */
export const ledgerContracts = pgTable(
  "ledger_contracts",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    code: text("code").notNull(),
    counterpartyKind: text("counterparty_kind").notNull(),
    counterpartyName: text("counterparty_name").notNull(),
    counterpartyIdNumber: text("counterparty_id_number"),
    counterpartyPhone: text("counterparty_phone"),
    object: text("object").notNull(),
    objectName: text("object_name").notNull(),
    area: numeric("area", { precision: 14, scale: 2 }).notNull(),
    unit: text("unit").notNull(),
    startOn: day("start_on").notNull(),
    endOn: day("end_on").notNull(),
    annualPriceFen: fen("annual_price_fen").notNull(),
    paymentSchedule: text("payment_schedule").notNull(),
    dueFen: fen("due_fen").notNull().default(0),
    receivedFen: fen("received_fen").notNull().default(0),
    letMethod: text("let_method").notNull(),
    procedure: text("procedure").notNull(),
    procedureOn: day("procedure_on"),
    fileRef: text("file_ref"),
    status: text("status").notNull().default("active"),
    deletedAt: stamp("deleted_at"),
    deleteReason: text("delete_reason"),
    createdBy: ref("created_by"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("ledger_contracts_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "ledger_contracts_node_fk" }),
    uniqueIndex("ledger_contracts_code_idx").on(t.nodeId, t.code).where(sql`deleted_at IS NULL`),
    index("ledger_contracts_node_idx").on(t.nodeId),
    index("ledger_contracts_object_idx").on(t.nodeId, t.object, t.objectName),
    check("ledger_contracts_money", sql`${t.annualPriceFen} >= 0 AND ${t.dueFen} >= 0 AND ${t.receivedFen} >= 0`),
    check("ledger_contracts_term", sql`${t.endOn} >= ${t.startOn}`),
  ],
);

/** PGlite hands bytea back as a Uint8Array and pg as a Buffer: one type for the code above. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/**
 * A contract's scanned text (合同文本), kept under the type its bytes show. A new upload replaces the
 * current one (replaced_at), which is kept: a contract's file is evidence.
 */
export const ledgerContractFiles = pgTable(
  "ledger_contract_files",
  {
    id: id(),
    cityId: cityId(),
    contractId: ref("contract_id").notNull(),
    fileName: text("file_name").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    uploadedBy: ref("uploaded_by"),
    replacedAt: stamp("replaced_at"),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.cityId, t.contractId], foreignColumns: [ledgerContracts.cityId, ledgerContracts.id], name: "ledger_contract_files_contract_fk" }),
    uniqueIndex("ledger_contract_files_current_idx").on(t.contractId).where(sql`replaced_at IS NULL`),
  ],
);

/**
 * A rule that a contract tripped, with the facts that tripped it. Cleared when the contract no longer
 * trips it; raised as a problem of the problem lists (problem_id), rectified when that problem closes.
 */
export const ledgerFlags = pgTable(
  "ledger_flags",
  {
    id: id(),
    cityId: cityId(),
    contractId: ref("contract_id").notNull(),
    nodeId: ref("node_id").notNull(),
    rule: text("rule").notNull(),
    facts: jsonb("facts").notNull(),
    foundAt: stamp("found_at").notNull(),
    clearedAt: stamp("cleared_at"),
    problemId: ref("problem_id"),
    raisedAt: stamp("raised_at"),
    version: version(),
  },
  (t) => [
    foreignKey({ columns: [t.cityId, t.contractId], foreignColumns: [ledgerContracts.cityId, ledgerContracts.id], name: "ledger_flags_contract_fk" }),
    uniqueIndex("ledger_flags_open_idx").on(t.contractId, t.rule).where(sql`cleared_at IS NULL`),
    index("ledger_flags_node_idx").on(t.nodeId),
  ],
);

/** 村级债务: what a village collective owes, and to whom. */
export const ledgerDebts = pgTable(
  "ledger_debts",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    creditor: text("creditor").notNull(),
    creditorKind: text("creditor_kind").notNull(),
    amountFen: fen("amount_fen").notNull(),
    origin: text("origin").notNull(),
    incurredOn: day("incurred_on").notNull(),
    evidence: text("evidence").notNull(),
    deletedAt: stamp("deleted_at"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("ledger_debts_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "ledger_debts_node_fk" }),
    index("ledger_debts_node_idx").on(t.nodeId),
    check("ledger_debts_amount", sql`${t.amountFen} > 0`),
  ],
);

/** One instalment of a debt's repayment plan. */
export const ledgerDebtPlans = pgTable(
  "ledger_debt_plans",
  {
    cityId: cityId(),
    debtId: ref("debt_id").notNull(),
    seq: integer("seq").notNull(),
    dueOn: day("due_on").notNull(),
    amountFen: fen("amount_fen").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.debtId, t.seq] }),
    foreignKey({ columns: [t.cityId, t.debtId], foreignColumns: [ledgerDebts.cityId, ledgerDebts.id], name: "ledger_debt_plans_debt_fk" }),
    check("ledger_debt_plans_amount", sql`${t.amountFen} > 0`),
  ],
);

/** A payment or a write-off of a debt, dated: the debt's resolved amount is their sum. */
export const ledgerDebtMovements = pgTable(
  "ledger_debt_movements",
  {
    id: id(),
    cityId: cityId(),
    debtId: ref("debt_id").notNull(),
    nodeId: ref("node_id").notNull(),
    kind: text("kind").notNull(),
    amountFen: fen("amount_fen").notNull(),
    on: day("on").notNull(),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.cityId, t.debtId], foreignColumns: [ledgerDebts.cityId, ledgerDebts.id], name: "ledger_debt_movements_debt_fk" }),
    index("ledger_debt_movements_node_idx").on(t.nodeId),
    check("ledger_debt_movements_amount", sql`${t.amountFen} > 0`),
  ],
);

/** A village's collective income of one year from one source. */
export const ledgerIncomes = pgTable(
  "ledger_incomes",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    year: integer("year").notNull(),
    source: text("source").notNull(),
    amountFen: fen("amount_fen").notNull(),
    note: text("note").notNull().default(""),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "ledger_incomes_node_fk" }),
    unique("ledger_incomes_key").on(t.nodeId, t.year, t.source),
    index("ledger_incomes_city_year_idx").on(t.cityId, t.year),
    check("ledger_incomes_amount", sql`${t.amountFen} >= 0`),
  ],
);

/** 村企结对: an enterprise paired with a village, with what the pairing brought. */
export const ledgerPairings = pgTable(
  "ledger_pairings",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    enterprise: text("enterprise").notNull(),
    agreementOn: day("agreement_on").notNull(),
    project: text("project").notNull(),
    investedFen: fen("invested_fen").notNull(),
    jobs: integer("jobs").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "ledger_pairings_node_fk" }),
    index("ledger_pairings_node_idx").on(t.nodeId),
    check("ledger_pairings_values", sql`${t.investedFen} >= 0 AND ${t.jobs} >= 0`),
  ],
);

/** A cooperative at a village, and whether the village's party branch leads it (党支部领办). */
export const ledgerCooperatives = pgTable(
  "ledger_cooperatives",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    name: text("name").notNull(),
    ledByBranch: boolean("led_by_branch").notNull(),
    members: integer("members").notNull(),
    capitalFen: fen("capital_fen").notNull(),
    dividendsFen: fen("dividends_fen").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "ledger_cooperatives_node_fk" }),
    index("ledger_cooperatives_node_idx").on(t.nodeId),
    check("ledger_cooperatives_values", sql`${t.members} >= 0 AND ${t.capitalFen} >= 0 AND ${t.dividendsFen} >= 0`),
  ],
);

/** 村务公开: a village that publishes its contract list and income to its residents. */
export const ledgerDisclosures = pgTable(
  "ledger_disclosures",
  {
    nodeId: bigint("node_id", { mode: "number" }).primaryKey(),
    cityId: cityId(),
    published: boolean("published").notNull(),
    publishedAt: stamp("published_at"),
    version: version(),
  },
  (t) => [foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "ledger_disclosures_node_fk" })],
);

/** A previewed import waiting for its commit: the rows as checked, keyed by a random token. */
export const ledgerImports = pgTable("ledger_imports", {
  token: text("token").primaryKey(),
  cityId: cityId(),
  userId: ref("user_id").notNull(),
  rows: jsonb("rows").notNull(),
  createdAt: stamp("created_at").notNull(),
  committedAt: stamp("committed_at"),
});
