/** Settings from the environment, read once at start. */
export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  demo: boolean;
  demoPassword: string;
  /** Mark cookies Secure: on whenever the platform sits behind TLS. */
  secureCookies: boolean;
  trustProxy: boolean;
  idleTimeoutSeconds: number;
  sessionMaxHours: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  serveWeb: boolean;
  logLevel: string;
  /** How often committed audit entries are sealed into their chain. */
  auditSealMs: number;
  /** How many transactions may commit writes at once; writes arriving meanwhile share the next ones. */
  writeLanes: number;
  /** The most writes one shared transaction (or one batched statement) holds. */
  writeBatch: number;
  /**
   * How many batched statements (intake) may run at once. One, measured: the reports arriving while
   * it runs make the next batch bigger, and a bigger batch costs the database less per report.
   */
  statementLanes: number;
  /** A group robot that receives notifications for cities that have not set their own. */
  notifyWebhookUrl: string | null;
  /** Replaces the demo city's Open311 API key. */
  open311ApiKey: string | null;
  /** Ed25519 private key (PKCS#8 PEM) that signs exported audit checkpoints; without one, a key file in dataDir is made once. */
  auditSigningKey: string | null;
  /** Rate limits on the sign-in, the public side and Open311 (RATE_LIMIT=0 turns them off). */
  rateLimit: boolean;
  /** Sign-in requests per client address per minute. */
  rateLimitLogin: number;
  /** Public-side requests per client address per minute. */
  rateLimitPublic: number;
  /** Open311 requests per client address per minute. */
  rateLimitOpen311: number;
  /** Open311 requests per API key per minute, whatever the address. */
  rateLimitApiKey: number;
  /** The only hosts a group-robot address may name (DingTalk and WeCom by default). */
  webhookHosts: string[];
  /** Lets robot addresses reach private addresses over http: only for a relay inside an isolated network. */
  webhookAllowPrivate: boolean;
  /** Bearer token that GET /metrics asks for; without one, only this machine may scrape. */
  metricsToken: string | null;
  /** How long a node's figures are kept at most when no change of its city commits meanwhile (FIGURES_CACHE_MS=0: computed on every request). */
  figuresCacheMs: number;
}

export const DEFAULT_WEBHOOK_HOSTS = ["oapi.dingtalk.com", "qyapi.weixin.qq.com"];

export const DEFAULT_DEMO_PASSWORD = "Zhili@2026";

function intFrom(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  return {
    port: intFrom(env.PORT, 3000),
    host: env.HOST ?? "0.0.0.0",
    databaseUrl,
    dataDir: env.DATA_DIR ?? "./data",
    // Demo data is loaded on the embedded database unless turned off; on PostgreSQL only when asked.
    demo: env.DEMO ? env.DEMO === "1" || env.DEMO === "true" : !databaseUrl,
    demoPassword: env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
    secureCookies: env.SECURE_COOKIES === "1" || env.SECURE_COOKIES === "true",
    trustProxy: env.TRUST_PROXY === "1" || env.TRUST_PROXY === "true",
    idleTimeoutSeconds: intFrom(env.IDLE_TIMEOUT_SECONDS, 30 * 60),
    sessionMaxHours: intFrom(env.SESSION_MAX_HOURS, 12),
    lockoutThreshold: intFrom(env.LOCKOUT_THRESHOLD, 5),
    lockoutMinutes: intFrom(env.LOCKOUT_MINUTES, 15),
    serveWeb: env.SERVE_WEB !== "0",
    logLevel: env.LOG_LEVEL ?? "info",
    auditSealMs: intFrom(env.AUDIT_SEAL_MS, 1000),
    writeLanes: intFrom(env.WRITE_LANES, 4),
    writeBatch: intFrom(env.WRITE_BATCH, 32),
    statementLanes: intFrom(env.STATEMENT_LANES, 1),
    notifyWebhookUrl: env.NOTIFY_WEBHOOK_URL?.trim() || null,
    open311ApiKey: env.OPEN311_API_KEY || null,
    auditSigningKey: env.AUDIT_SIGNING_KEY?.trim() || null,
    rateLimit: env.RATE_LIMIT !== "0" && env.RATE_LIMIT !== "false",
    rateLimitLogin: intFrom(env.RATE_LIMIT_LOGIN, 20),
    rateLimitPublic: intFrom(env.RATE_LIMIT_PUBLIC, 120),
    rateLimitOpen311: intFrom(env.RATE_LIMIT_OPEN311, 120),
    rateLimitApiKey: intFrom(env.RATE_LIMIT_API_KEY, 600),
    webhookHosts: env.WEBHOOK_HOSTS ? env.WEBHOOK_HOSTS.split(",").map((host) => host.trim().toLowerCase()).filter(Boolean) : DEFAULT_WEBHOOK_HOSTS,
    webhookAllowPrivate: env.WEBHOOK_ALLOW_PRIVATE === "1" || env.WEBHOOK_ALLOW_PRIVATE === "true",
    metricsToken: env.METRICS_TOKEN?.trim() || null,
    figuresCacheMs: env.FIGURES_CACHE_MS === "0" ? 0 : intFrom(env.FIGURES_CACHE_MS, 5000),
    ...overrides,
  };
}
