import { z } from "zod";
import { IsoDate } from "./calendar";
import { Id, ImportRowError, Version, optionalText, plain, text } from "./common";

// --- vocabularies, with the labels village ledgers use (the spreadsheet import reads these labels too)

export const objectLabels = { land: "土地", pond: "坑塘水面", forest: "林地", building: "房屋建筑", machinery: "机械设备", other: "其他" } as const;
export const counterpartyKindLabels = { person: "个人", enterprise: "企业", cooperative: "合作社", other: "其他组织" } as const;
export const letMethodLabels = { public_tender: "公开招标", auction: "公开竞价", negotiation: "协商议价" } as const;
export const procedureLabels = { representatives_resolution: "村民代表会议决议", members_meeting: "村民会议决议", none: "未履行" } as const;
export const scheduleLabels = { annual: "按年支付", semiannual: "按半年支付", quarterly: "按季支付", lump_sum: "一次性支付" } as const;
export const contractStatusLabels = { active: "履行中", recovered: "已收回", terminated: "已解除" } as const;
export const ruleLabels = {
  term_limit: "期限超过法定或政策上限",
  below_benchmark: "价格低于乡镇基准价",
  no_procedure: "未履行民主程序",
  arrears: "拖欠承包费",
  expired_occupied: "到期未收回",
  no_file: "缺少合同文本",
  double_let: "同一标的重复发包",
} as const;
export const flagStateLabels = { open: "待处理", raised: "已转问题", rectified: "已整改", cleared: "已纠正" } as const;
export const checkStateLabels = { clean: "未发现问题", flagged: "存在问题", rectified: "已整改" } as const;
export const creditorKindLabels = { person: "个人", enterprise: "企业", bank: "金融机构", government: "政府部门", other: "其他" } as const;
export const movementKindLabels = { payment: "偿还", write_off: "核销" } as const;
export const incomeSourceLabels = { contracting: "发包收入", assets: "资产经营", services: "服务收入", dividends: "合作社分红", subsidies: "补助收入" } as const;

const keys = <T extends Record<string, string>>(labels: T) => Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
export const ObjectKind = z.enum(keys(objectLabels));
export const CounterpartyKind = z.enum(keys(counterpartyKindLabels));
export const LetMethod = z.enum(keys(letMethodLabels));
export const Procedure = z.enum(keys(procedureLabels));
export const Schedule = z.enum(keys(scheduleLabels));
export const ContractStatus = z.enum(keys(contractStatusLabels));
export const Rule = z.enum(keys(ruleLabels));
export const FlagState = z.enum(keys(flagStateLabels));
export const CheckState = z.enum(keys(checkStateLabels));
export const CreditorKind = z.enum(keys(creditorKindLabels));
export const MovementKind = z.enum(keys(movementKindLabels));
export const IncomeSource = z.enum(keys(incomeSourceLabels));
export type ObjectKind = z.infer<typeof ObjectKind>;
export type Rule = z.infer<typeof Rule>;
export type IncomeSource = z.infer<typeof IncomeSource>;
export const rules = Rule.options;

/** Integer fen (分), never negative; a float or a string is refused, so no amount is ever rounded. */
export const Fen = z.number().int("an amount in integer fen").min(0, "cannot be negative").max(Number.MAX_SAFE_INTEGER);
export const PositiveFen = Fen.refine((value) => value > 0, "must be more than zero");
/** An area with at most two decimals, as a number or a decimal string ("12.5"). */
export const Area = z
  .union([z.number(), z.string().trim()])
  .transform((value) => String(value))
  .refine((value) => /^\d{1,12}(\.\d{1,2})?$/.test(value), "an area of at most two decimals")
  .refine((value) => Number(value) > 0, "must be more than zero");

// --- rules (configurable per city)

export const LedgerRules = z.strictObject({
  /** The longest term allowed per object, in years (农村土地承包法, 民法典 租赁不超过二十年, local policy). */
  termLimitYears: z.strictObject(Object.fromEntries(ObjectKind.options.map((kind) => [kind, z.number().int().min(1).max(99)])) as Record<ObjectKind, z.ZodNumber>),
  /** A price more than this share below the township's benchmark trips `below_benchmark`. */
  benchmarkShortfallPercent: z.number().int().min(0).max(100),
  /** Owed rent above this many fen trips `arrears`. */
  arrearsToleranceFen: Fen,
  /** Ascending income thresholds in fen that split villages into bands (e.g. 50,000 and 100,000 yuan). */
  incomeBandsFen: z.array(PositiveFen).max(5).refine((bands) => bands.every((band, index) => index === 0 || band > bands[index - 1]!), "must ascend"),
  /** Rules switched off in this city. */
  disabled: z.array(Rule).default([]),
});
export type LedgerRules = z.infer<typeof LedgerRules>;

export const defaultLedgerRules: LedgerRules = {
  termLimitYears: { land: 30, pond: 30, forest: 50, building: 20, machinery: 10, other: 20 },
  benchmarkShortfallPercent: 30,
  arrearsToleranceFen: 0,
  incomeBandsFen: [5_000_000, 10_000_000],
  disabled: [],
};

export const SettingsQuery = z.strictObject({ city: Id.optional() });
export const Settings = z.object({ cityId: Id, rules: LedgerRules, version: z.number().int() });
/**
 * The rules travel as one field: any fault inside them is reported on `rules`, with the inner path in
 * the message, so a client shows one error on the one control that edits them.
 */
const RulesField = z.unknown().transform((value, context): LedgerRules => {
  const parsed = LedgerRules.safeParse(value);
  if (parsed.success) return parsed.data;
  context.addIssue({ code: "custom", message: parsed.error.issues.map((issue) => `${issue.path.join(".") || "rules"}: ${issue.message}`).join("; ") });
  return z.NEVER;
});
export const PutSettingsBody = z.strictObject({ city: Id.optional(), rules: RulesField, version: z.number().int().min(0) });

export const Benchmark = z.object({ id: Id, nodeId: Id, nodeName: z.string(), object: ObjectKind, unit: z.string(), priceFen: Fen, version: z.number().int() });
export const BenchmarkQuery = z.strictObject({ org: Id.optional() });
export const PutBenchmarkBody = z.strictObject({ nodeId: Id, object: ObjectKind, unit: text(10), priceFen: Fen, version: z.number().int().min(0) });

// --- contracts

const Page = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

const contractFields = {
  code: text(40),
  counterpartyKind: CounterpartyKind,
  counterpartyName: text(100),
  counterpartyIdNumber: optionalText(18).optional(),
  counterpartyPhone: optionalText(20).optional(),
  object: ObjectKind,
  objectName: text(100),
  area: Area,
  unit: text(10),
  startOn: IsoDate,
  endOn: IsoDate,
  annualPriceFen: Fen,
  paymentSchedule: Schedule,
  dueFen: Fen.default(0),
  receivedFen: Fen.default(0),
  letMethod: LetMethod,
  procedure: Procedure,
  procedureOn: IsoDate.optional(),
  fileRef: optionalText(100).optional(),
  status: ContractStatus.default("active"),
};

const termChecked = <T extends z.ZodType<{ startOn?: string; endOn?: string }>>(schema: T) =>
  schema.superRefine((value, context) => {
    if (value.startOn && value.endOn && value.endOn < value.startOn) context.addIssue({ code: "custom", path: ["endOn"], message: "cannot be before startOn" });
  });

export const CreateContractBody = termChecked(z.strictObject({ nodeId: Id, ...contractFields }));
export const UpdateContractBody = termChecked(
  z.strictObject({
    version: Version,
    ...Object.fromEntries(Object.entries(contractFields).map(([key, schema]) => [key, (schema as z.ZodType).optional()])),
  }) as unknown as z.ZodType<{ version: number } & Partial<z.infer<z.ZodObject<typeof contractFields>>>>,
);
export const DeleteBody = z.strictObject({ version: Version, reason: text(200) });

export const ContractFilter = {
  org: Id.optional(),
  q: optionalText(50).optional(),
  object: ObjectKind.optional(),
  rule: Rule.optional(),
  state: CheckState.optional(),
  figure: z.enum(["ledger.contracts", "ledger.problemContracts", "ledger.rectifiedContracts"]).optional(),
};
export const ContractQuery = z.strictObject({ ...ContractFilter, ...Page });
export const ContractExportQuery = z.strictObject(ContractFilter);

export const Flag = z.object({
  id: Id,
  contractId: Id,
  contractCode: z.string(),
  nodeId: Id,
  nodeName: z.string(),
  rule: Rule,
  ruleLabel: z.string(),
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  state: FlagState,
  foundAt: z.string(),
  clearedAt: z.string().nullable(),
  problemId: Id.nullable(),
  problemCode: z.string().nullable(),
  version: z.number().int(),
  abilities: z.object({ raise: z.boolean() }),
});

export const Contract = z.object({
  id: Id,
  nodeId: Id,
  nodeName: z.string(),
  code: z.string(),
  counterpartyKind: CounterpartyKind,
  counterpartyName: z.string(),
  counterpartyIdNumber: z.string().nullable(),
  counterpartyPhone: z.string().nullable(),
  object: ObjectKind,
  objectName: z.string(),
  area: z.string(),
  unit: z.string(),
  startOn: z.string(),
  endOn: z.string(),
  annualPriceFen: Fen,
  paymentSchedule: Schedule,
  dueFen: Fen,
  receivedFen: Fen,
  owedFen: z.number().int(),
  letMethod: LetMethod,
  procedure: Procedure,
  procedureOn: z.string().nullable(),
  fileRef: z.string().nullable(),
  /** The uploaded contract text, when there is one (GET /api/ledger/contracts/:id/file). */
  fileId: Id.nullable(),
  status: ContractStatus,
  checkState: CheckState,
  flagCount: z.number().int(),
  version: z.number().int(),
  abilities: z.object({ update: z.boolean(), delete: z.boolean(), reveal: z.boolean() }),
});
export const RevealBody = z.strictObject({ field: z.enum(["counterpartyName", "counterpartyIdNumber", "counterpartyPhone"]) });
export const Revealed = z.object({ field: z.string(), value: z.string().nullable() });
export const ContractDetail = Contract.extend({ flags: z.array(Flag) });
export const ContractPage = z.object({ items: z.array(Contract), total: z.number().int(), annualPriceFen: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const FlagQuery = z.strictObject({ org: Id.optional(), rule: Rule.optional(), state: FlagState.optional(), ...Page });
export const RaiseBody = z.strictObject({ version: Version, title: optionalText(100).optional() });
export const Raised = z.object({ flag: Flag, problemId: Id, problemCode: z.string() });
export const CheckBody = z.strictObject({ org: Id.optional() });
export const CheckResult = z.object({ checked: z.number().int(), found: z.number().int(), cleared: z.number().int() });

// --- import

const Base64 = plain().regex(/^[A-Za-z0-9+/]*={0,2}$/, "base64").max(14_000_000);
export const ImportPreviewBody = z.strictObject({ nodeId: Id, fileName: text(200), contentBase64: Base64 });
export const ContractFileBody = z.strictObject({ version: Version, fileName: text(200), contentBase64: Base64 });
export const ImportCommitBody = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, "the token of a preview") });
export const ImportPreview = z.object({
  token: z.string().nullable(),
  fileName: z.string(),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.array(ImportRowError),
  sample: z.array(z.object({ row: z.number().int(), code: z.string(), object: ObjectKind, objectName: z.string(), startOn: z.string(), endOn: z.string(), annualPriceFen: Fen })),
});
export const ImportResult = z.object({ imported: z.number().int(), contractIds: z.array(Id), flagged: z.number().int() });

// --- debts

export const CreateDebtBody = z.strictObject({
  nodeId: Id,
  creditor: text(100),
  creditorKind: CreditorKind,
  amountFen: PositiveFen,
  origin: text(200),
  incurredOn: IsoDate,
  evidence: text(200),
});
export const PlanBody = z.strictObject({
  version: Version,
  instalments: z.array(z.strictObject({ dueOn: IsoDate, amountFen: PositiveFen })).max(120),
});
export const MovementBody = z.strictObject({ version: Version, kind: MovementKind, amountFen: PositiveFen, on: IsoDate, note: optionalText(200).default("") });
export const Debt = z.object({
  id: Id,
  nodeId: Id,
  nodeName: z.string(),
  creditor: z.string(),
  creditorKind: CreditorKind,
  amountFen: Fen,
  resolvedFen: Fen,
  outstandingFen: Fen,
  origin: z.string(),
  incurredOn: z.string(),
  evidence: z.string(),
  version: z.number().int(),
  abilities: z.object({ update: z.boolean() }),
});
export const DebtDetail = Debt.extend({
  plan: z.array(z.object({ seq: z.number().int(), dueOn: z.string(), amountFen: Fen })),
  movements: z.array(z.object({ id: Id, kind: MovementKind, amountFen: Fen, on: z.string(), note: z.string() })),
});
export const DebtQuery = z.strictObject({ org: Id.optional(), q: optionalText(50).optional(), ...Page });
export const DebtPage = z.object({ items: z.array(Debt), total: z.number().int(), amountFen: z.number().int(), resolvedFen: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const MovementQuery = z.strictObject({ org: Id.optional(), kind: MovementKind.optional(), ...Page });
export const Movement = z.object({ id: Id, debtId: Id, nodeId: Id, nodeName: z.string(), creditor: z.string(), kind: MovementKind, amountFen: Fen, on: z.string(), note: z.string() });
export const MovementPage = z.object({ items: z.array(Movement), total: z.number().int(), sumFen: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

// --- income

export const CreateIncomeBody = z.strictObject({ nodeId: Id, year: z.number().int().min(2000).max(2100), source: IncomeSource, amountFen: Fen, note: optionalText(200).default("") });
export const Income = z.object({ id: Id, nodeId: Id, nodeName: z.string(), year: z.number().int(), source: IncomeSource, amountFen: Fen, note: z.string(), version: z.number().int() });
export const IncomeQuery = z.strictObject({
  org: Id.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  figure: z.enum(["ledger.collectiveIncome"]).optional(),
  ...Page,
});
export const IncomePage = z.object({ items: z.array(Income), total: z.number().int(), sumFen: z.number().int(), year: z.number().int().nullable(), page: z.number().int(), pageSize: z.number().int() });

// --- villages ranked (a township's page) and the income bands

export const RankingQuery = z.strictObject({ org: Id.optional(), sort: z.enum(["flagged", "debt", "income", "raised"]).default("flagged") });
export const VillageRow = z.object({
  nodeId: Id,
  nodeName: z.string(),
  contracts: z.number().int(),
  flagged: z.number().int(),
  rectified: z.number().int(),
  debtOutstandingFen: z.number().int(),
  debtResolvedFen: z.number().int(),
  incomeFen: z.number().int(),
  previousIncomeFen: z.number().int(),
  raisedFen: z.number().int(),
  band: z.number().int(),
});
export const Ranking = z.object({
  org: z.object({ id: Id, name: z.string(), kind: z.string() }),
  year: z.number().int().nullable(),
  bandsFen: z.array(z.number().int()),
  items: z.array(VillageRow),
  totals: VillageRow.omit({ nodeId: true, nodeName: true, band: true }),
});

// --- pairing and cooperatives

export const CreatePairingBody = z.strictObject({ nodeId: Id, enterprise: text(100), agreementOn: IsoDate, project: text(200), investedFen: Fen, jobs: z.number().int().min(0).max(100_000) });
export const Pairing = z.object({ id: Id, nodeId: Id, nodeName: z.string(), enterprise: z.string(), agreementOn: z.string(), project: z.string(), investedFen: Fen, jobs: z.number().int() });
export const PairingQuery = z.strictObject({ org: Id.optional(), ...Page });
export const PairingPage = z.object({
  items: z.array(Pairing),
  total: z.number().int(),
  enterprises: z.number().int(),
  villages: z.number().int(),
  investedFen: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const CreateCooperativeBody = z.strictObject({
  nodeId: Id,
  name: text(100),
  ledByBranch: z.boolean(),
  members: z.number().int().min(0).max(1_000_000),
  capitalFen: Fen,
  dividendsFen: Fen,
});
export const Cooperative = z.object({ id: Id, nodeId: Id, nodeName: z.string(), name: z.string(), ledByBranch: z.boolean(), members: z.number().int(), capitalFen: Fen, dividendsFen: Fen });
export const CooperativeQuery = z.strictObject({ org: Id.optional(), ledByBranch: z.enum(["true", "false"]).optional(), ...Page });

// --- disclosure (村务公开)

export const DisclosureBody = z.strictObject({ nodeId: Id, published: z.boolean(), version: z.number().int().min(0) });
export const DisclosureQuery = z.strictObject({ org: Id });
export const Disclosure = z.object({ nodeId: Id, published: z.boolean(), publishedAt: z.string().nullable(), version: z.number().int() });
const CityCode = z.string().trim().min(1).max(40).regex(/^[a-z0-9_-]+$/, "a city code");
export const PublicLedgersQuery = z.strictObject({ city: CityCode });
export const PublicLedgerList = z.object({ items: z.array(z.object({ nodeId: Id, nodeName: z.string(), publishedAt: z.string() })) });
export const PublicLedger = z.object({
  nodeId: Id,
  nodeName: z.string(),
  contracts: z.array(
    z.object({ object: ObjectKind, area: z.string(), unit: z.string(), startOn: z.string(), endOn: z.string(), annualPriceFen: Fen, counterpartyKind: CounterpartyKind, letMethod: LetMethod }),
  ),
  income: z.object({ year: z.number().int().nullable(), bySource: z.array(z.object({ source: IncomeSource, amountFen: Fen })), totalFen: z.number().int() }),
});
