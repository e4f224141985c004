/** Every action the policy layer decides. A role grants a set of them within the subtree of the node where it is held. */
export const permissionNames = [
  "org.read",
  "org.manage",
  "person.read",
  "person.manage",
  "person.reveal",
  "figures.read",
  "account.read",
  "account.manage",
  "role.read",
  "role.manage",
  "security.manage",
  "audit.read",
  "audit.verify",
  // problem lists and rectification (问题清单)
  "problem.read",
  "problem.report",
  "problem.manage",
  "problem.check",
  "problem.publish",
  "problem.supervise",
  // the campaign and its projects (专项行动)
  "campaign.read",
  "campaign.manage",
  "campaign.claim",
  "campaign.report",
  "campaign.review",
  // working calendar (holidays and swapped working days)
  "calendar.manage",
  // grid events (网格事件): report, dispatch, handle, check, summon departments (吹哨)
  "event.read",
  "event.report",
  "event.dispatch",
  "event.handle",
  "event.check",
  "event.summon",
  // village collective ledgers (清化收): read, keep a village's ledgers, set the rules and benchmarks
  "ledger.read",
  "ledger.manage",
  "ledger.configure",
  // household pairing, visits and the conflict register (包村联户, 矛盾隐患); party members in service (党员下沉)
  "pairing.read",
  "pairing.manage",
  "pairing.visit",
  "conflict.manage",
  "service.read",
  "service.manage",
  // training (培根铸魂): classrooms, plans, sessions, the question bank, exams and grading; attending and taking tests
  "training.read",
  "training.manage",
  "training.attend",
  // the cadre reserve (后备干部库): the organisation department's alone
  "cadre.read",
  "cadre.manage",
  // evaluation and rankings ("1+3X", 比一比 晒一晒 看一看): read scorecards and boards, configure and publish, score manually and record findings, appeal
  "evaluation.read",
  "evaluation.manage",
  "evaluation.assess",
  "evaluation.appeal",
] as const;
export type Permission = (typeof permissionNames)[number];

export const roleNames = [
  "campaign_admin",
  "leader",
  "unit_staff",
  "township_cadre",
  "village_secretary",
  "grid_worker",
  "department_handler",
  "supervisor",
  "sys_admin",
  "security_admin",
  "audit_admin",
  "province_reader",
] as const;
export type RoleName = (typeof roleNames)[number];

export interface RoleDefinition {
  /** System roles (三员) are held without a node and reach every city; all others are held at a node but the province reader. */
  system: boolean;
  /** A business role held without a node by an account without a city, reaching every city (province_reader). */
  province?: true;
  /** The node kinds a role may be held at (none for the roles held without a node). */
  heldAt: readonly NodeKind[];
  permissions: readonly Permission[];
}

export const nodeKinds = ["city", "township", "street", "village", "community", "grid", "micro_grid"] as const;
export type NodeKind = (typeof nodeKinds)[number];
export const nodeKindLabels: Record<NodeKind, string> = { city: "市", township: "乡镇", street: "街道", village: "村", community: "社区", grid: "网格", micro_grid: "微网格" };

/** Which kinds of node may sit under which: the tree's shape. */
export const childKinds: Record<NodeKind, readonly NodeKind[]> = {
  city: ["township", "street"],
  township: ["village", "community"],
  street: ["village", "community"],
  village: ["grid"],
  community: ["grid"],
  grid: ["micro_grid"],
  micro_grid: [],
};

const everyLevel = nodeKinds;

/**
 * 三员分立 (MLPS level 3): the system administrator runs accounts, the security administrator grants
 * roles and handles lockouts, the audit administrator reads and verifies the trail; none holds another's permissions.
 */
export const roles = {
  campaign_admin: {
    system: false,
    heldAt: ["city"],
    permissions: [
      "org.read", "org.manage", "person.read", "person.manage", "figures.read", "account.read",
      "problem.read", "problem.report", "problem.manage", "problem.check", "problem.publish", "problem.supervise",
      "campaign.read", "campaign.manage", "campaign.review", "calendar.manage",
      "event.read", "event.report", "event.dispatch", "event.handle", "event.check", "event.summon",
      "ledger.read", "ledger.configure",
      "pairing.read", "pairing.manage", "conflict.manage", "service.read", "service.manage",
      "training.read", "training.manage", "cadre.read", "cadre.manage",
      "evaluation.read", "evaluation.manage", "evaluation.assess",
    ],
  },
  leader: {
    system: false,
    heldAt: ["city", "township", "street"],
    // 批示 (problem.supervise) and 吹哨 (event.summon) on red lights in the leader's own subtree: a note and a call to departments, never a step of the work itself.
    permissions: ["org.read", "person.read", "figures.read", "problem.read", "problem.supervise", "campaign.read", "campaign.claim", "event.read", "event.summon", "ledger.read", "pairing.read", "pairing.visit", "service.read", "training.read", "training.attend", "evaluation.read"],
  },
  unit_staff: {
    system: false,
    heldAt: ["city"],
    permissions: ["org.read", "figures.read", "problem.read", "campaign.read", "campaign.claim", "campaign.report", "service.read"],
  },
  township_cadre: {
    system: false,
    heldAt: ["township", "street"],
    permissions: [
      "org.read", "org.manage", "person.read", "person.manage", "person.reveal", "figures.read",
      "problem.read", "problem.report", "problem.manage", "problem.check", "problem.publish",
      "campaign.read", "campaign.report",
      "event.read", "event.report", "event.dispatch", "event.check", "event.summon",
      "ledger.read", "ledger.configure",
      "pairing.read", "pairing.manage", "pairing.visit", "conflict.manage", "service.read", "service.manage",
      "training.read", "training.manage", "training.attend",
      "evaluation.read", "evaluation.appeal",
    ],
  },
  village_secretary: {
    system: false,
    heldAt: ["village", "community"],
    permissions: [
      "org.read", "person.read", "person.manage", "person.reveal", "figures.read",
      "problem.read", "problem.report", "problem.manage", "campaign.read",
      "event.read", "event.report",
      "ledger.read", "ledger.manage",
      "pairing.read", "conflict.manage", "service.read", "service.manage",
      "training.attend",
      "evaluation.read", "evaluation.appeal",
    ],
  },
  grid_worker: {
    system: false,
    heldAt: ["grid", "micro_grid"],
    permissions: ["org.read", "person.read", "person.manage", "person.reveal", "figures.read", "problem.read", "problem.report", "event.read", "event.report", "training.attend"],
  },
  department_handler: {
    system: false,
    heldAt: ["city", "township", "street"],
    permissions: ["org.read", "figures.read", "problem.read", "event.read", "event.handle"],
  },
  supervisor: {
    system: false,
    heldAt: everyLevel,
    permissions: ["org.read", "person.read", "figures.read", "problem.read", "problem.check", "problem.supervise", "campaign.read", "event.read", "event.check", "ledger.read", "pairing.read", "service.read", "training.read", "evaluation.read", "evaluation.assess"],
  },
  /**
   * 省委组织部 / 省级领导: the figures of every city, summed for the province, and each city's own. The tree has no
   * province node (each city is a root), so the role is held without a node, reaching every city as the
   * system roles do; but it is a business role, so 三员分立 keeps it apart from them. Read-only, and no
   * records: lists hold personal data (reporters, residents) and are each a city's; the province reads
   * their counts, and a city's own roles open the records behind them.
   */
  province_reader: { system: false, province: true, heldAt: [], permissions: ["org.read", "figures.read"] },
  sys_admin: { system: true, heldAt: [], permissions: ["org.read", "account.read", "account.manage"] },
  security_admin: { system: true, heldAt: [], permissions: ["org.read", "account.read", "role.read", "role.manage", "security.manage"] },
  audit_admin: { system: true, heldAt: [], permissions: ["account.read", "role.read", "audit.read", "audit.verify"] },
} as const satisfies Record<RoleName, RoleDefinition>;

export const systemRoles = roleNames.filter((role) => roles[role].system);
/** The roles that read the province (every city's figures) without being system roles. */
export const provinceRoles: readonly RoleName[] = roleNames.filter((role) => (roles[role] as RoleDefinition).province === true);

/** Roles held without a node, by accounts without a city: the system roles and the province reader. */
export function heldWithoutNode(role: RoleName): boolean {
  const definition: RoleDefinition = roles[role];
  return definition.system || definition.province === true;
}

export function roleGrants(role: RoleName, permission: Permission): boolean {
  return (roles[role].permissions as readonly Permission[]).includes(permission);
}
