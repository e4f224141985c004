import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { DatabaseKind, Database } from "./db/client";
import { systemClock, type Clock } from "./platform/clock";
import type { Config } from "./platform/config";
import type { RequestContext } from "./platform/context";
import { AppError, type FieldError } from "./platform/errors";
import { SESSION_COOKIE, resolveSession } from "./platform/auth/service";
import { authRoutes } from "./platform/auth/routes";
import { auditRoutes } from "./platform/audit/routes";
import { calendarRoutes } from "./platform/calendar/routes";
import { idempotency } from "./platform/idempotency";
import { rateLimits } from "./platform/rate-limits";
import { securityHeaders } from "./platform/security-headers";
import { tileImageSources } from "./modules/events/basemap";
import { metricsPlugin } from "./platform/metrics";
import { relayChanges } from "./platform/changes";
import { buildRegistry, type ModuleManifest, type ModuleRegistry } from "./platform/modules";
import { modules as allModules } from "./modules";

export interface Operation {
  method: string;
  url: string;
}

declare module "fastify" {
  interface FastifyRequest {
    ctx: RequestContext;
  }
  interface FastifyInstance {
    modules: ModuleRegistry;
    /** Every route registered, the ones hidden from the OpenAPI document (Open311) too: what the scope tests must cover. */
    operations: readonly Operation[];
  }
}

export interface AppOptions {
  db: Database;
  databaseKind: DatabaseKind;
  config: Config;
  clock?: Clock;
  logger?: boolean;
  /** The modules to run; every module of server/modules/index.ts unless a test chooses. */
  modules?: readonly ModuleManifest[];
}

export type App = FastifyInstance;
export type ZodApp = ReturnType<FastifyInstance["withTypeProvider"]> & FastifyInstance;

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Reached without a session: the sign-in itself, health, the API document and the public side. */
const OPEN_PREFIXES = ["/api/auth/login", "/api/health", "/api/public/", "/docs", "/open311/"];

/** What a session may still do while its account must choose a new password. */
const PASSWORD_CHANGE_ROUTES = new Set(["GET /api/auth/me", "POST /api/auth/password", "POST /api/auth/logout", "POST /api/auth/logout-all"]);

const webDist = join(dirname(fileURLToPath(import.meta.url)), "..", "web", "dist");

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const clock = options.clock ?? systemClock;
  const modules = buildRegistry(options.modules ?? allModules);
  const app = Fastify({
    logger: options.logger ? { level: options.config.logLevel, redact: ["req.headers.cookie", "req.headers['x-csrf-token']"] } : false,
    trustProxy: options.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Ids travel in URLs; anything else there is refused before a handler sees it.
    routerOptions: { maxParamLength: 64 },
  });
  const operations: Operation[] = [];
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) if (method !== "HEAD") operations.push({ method, url: route.url });
  });
  app.decorate("operations", operations);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await securityHeaders(app, options.config, tileImageSources(options.db));
  await metricsPlugin(app, { db: options.db, config: options.config });
  await rateLimits(app, options.config);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: "zhili 治理 API", version: "0.1.0", description: "党建引领基层治理平台接口。Errors: { error: { code, message, fields } }." },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });

  app.decorate("modules", modules);
  app.decorateRequest("ctx", null as unknown as RequestContext);
  app.addHook("onRequest", async (request) => {
    request.ctx = { db: options.db, clock, config: options.config, modules, actor: null, ip: request.ip ?? null, audited: false };
    const url = request.url;
    if (!url.startsWith("/api/") || OPEN_PREFIXES.some((prefix) => url.startsWith(prefix))) return;
    const token = request.cookies[SESSION_COOKIE];
    // Refused before validation, so an anonymous caller learns nothing about a route's input.
    if (!token) throw new AppError(401, "unauthenticated", "请先登录 (sign in first)");
    request.ctx.actor = await resolveSession(options.db, clock, options.config, token);
    if (MUTATING.has(request.method) && request.headers["x-csrf-token"] !== request.ctx.actor.csrfToken) {
      throw new AppError(403, "csrf", "请求校验失败，请刷新页面 (missing or wrong CSRF token; reload the page)");
    }
    // A password set by an administrator (a new account, a reset) is known to them: until its holder
    // chooses their own, the session may do nothing else.
    if (request.ctx.actor.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(`${request.method} ${request.routeOptions.url}`)) {
      throw new AppError(403, "password_change_required", "请先修改密码 (choose a new password first)");
    }
  });

  // The safety net behind the write path: a successful change that wrote no audit entry is refused loudly.
  app.addHook("onSend", async (request, reply, payload) => {
    if (MUTATING.has(request.method) && reply.statusCode < 400 && request.url.startsWith("/api/") && !request.ctx.audited) {
      request.log.error({ url: request.url }, "a write finished without an audit entry");
      throw new Error("unaudited write");
    }
    return payload;
  });
  // After the guard above, so only an answer that really leaves as a success is kept for a retry.
  idempotency(app);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, body } = toErrorBody(error);
    if (status >= 500) request.log.error(loggableError(error), "request failed");
    if (status === 401 && request.cookies[SESSION_COOKIE]) reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    if (!request.url.startsWith("/api/") && options.config.serveWeb && existsSync(join(webDist, "index.html"))) {
      return reply.type("text/html").sendFile("index.html", webDist);
    }
    return reply.status(404).send({ error: { code: "not_found", message: "接口不存在 (no such route)" } });
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get("/api/health", { schema: { tags: ["platform"] } }, async () => ({ status: "ok" as const, database: options.databaseKind }));
  await app.register(authRoutes);
  await app.register(auditRoutes);
  await app.register(calendarRoutes);
  for (const manifest of modules.manifests) if (manifest.routes) await app.register(manifest.routes);

  if (options.config.serveWeb && existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ["index.html"] });
  }
  // Commits of other server processes on the same database reach this one's figure cache and live screens.
  const stopRelay = await relayChanges(options.db);
  app.addHook("onClose", async () => stopRelay());
  return app;
}

/**
 * What a failure may put in the log: a failed query's text carries its parameters, and those can be
 * a phone or an ID number, so only the database's own code and message (no detail) are kept.
 */
function loggableError(error: Error): Record<string, unknown> {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return { type: error.name, code: cause.code, cause: cause.message };
  return { type: error.name, message: error.message.split("\nparams:")[0], stack: error.stack?.split("\n").slice(1, 6).join("\n") };
}

const pgErrors: Record<string, { status: number; code: string; message: string }> = {
  "23505": { status: 409, code: "conflict", message: "与已有记录冲突 (conflicts with an existing record)" },
  "23503": { status: 400, code: "invalid_reference", message: "引用的记录不存在 (a referenced record does not exist)" },
  "40001": { status: 409, code: "retry", message: "并发冲突，请重试 (concurrent change; retry)" },
  "40P01": { status: 409, code: "retry", message: "并发冲突，请重试 (concurrent change; retry)" },
};

function toErrorBody(error: FastifyError): { status: number; body: { error: { code: string; message: string; fields?: FieldError[] } } } {
  if (error instanceof AppError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } } };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? "body";
    const fields = error.validation.map((issue) => {
      const keys = (issue.params as { keys?: string[] }).keys;
      const path = issue.instancePath.replace(/^\//, "").replace(/\//g, ".");
      const field = keys?.length ? [path, keys.join(",")].filter(Boolean).join(".") : path || where;
      return { field, message: issue.message ?? "invalid" };
    });
    return { status: 400, body: { error: { code: "validation", message: `请求参数有误 (invalid ${where})`, fields } } };
  }
  const pgCode = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  if (pgCode && pgErrors[pgCode]) {
    const known = pgErrors[pgCode];
    return { status: known.status, body: { error: { code: known.code, message: known.message } } };
  }
  // PostgreSQL data exceptions (class 22: a NUL byte, a number out of range …) are bad input, not a fault.
  if (pgCode && /^22[0-9A-Z]{3}$/.test(pgCode)) {
    return { status: 400, body: { error: { code: "invalid_value", message: "数据格式不正确 (a value is not acceptable)" } } };
  }
  const status = typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status < 500) return { status, body: { error: { code: (error.code ?? "bad_request").toLowerCase(), message: error.message } } };
  return { status: 500, body: { error: { code: "internal", message: "服务器内部错误 (internal error)" } } };
}
