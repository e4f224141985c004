import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { Open311Settings, UpdateOpen311SettingsBody } from "../../../shared/schemas/open311";
import { AppError } from "../../platform/errors";
import * as open311 from "./service";
import { toXml } from "./xml";

/**
 * GeoReport v2 at /open311/v2/ (and discovery at /open311/discovery.{xml,json}). The spec, not the
 * platform, decides the shapes here: form-encoded POSTs, .xml or .json by the resource's suffix, and
 * errors as a list of {code, description}. So these routes validate by hand, answer in the spec's
 * formats, and stay out of the OpenAPI document (the spec documents them).
 */
type Format = "json" | "xml";
const FORM = "application/x-www-form-urlencoded";
const FORM_LIMIT = 64 * 1024;

function formatOf(request: FastifyRequest): Format {
  return /\.json(\?|$)/.test(request.url) ? "json" : "xml";
}

/** "DMV66.xml" → the id and the format; an unknown suffix is a resource that does not exist. */
function split(file: string): { id: string; format: Format } {
  const match = /^(.+)\.(json|xml)$/.exec(file);
  if (!match) throw new open311.Open311Error(404, [{ code: 404, description: "resources end in .xml or .json" }]);
  return { id: match[1]!, format: match[2] as Format };
}

function format(value: string): Format {
  if (value !== "json" && value !== "xml") throw new open311.Open311Error(404, [{ code: 404, description: "resources end in .xml or .json" }]);
  return value;
}

function send(reply: FastifyReply, as: Format, root: string, value: unknown, status = 200) {
  reply.status(status);
  if (as === "json") return reply.type("application/json; charset=utf-8").send(JSON.stringify(value));
  return reply.type("text/xml; charset=utf-8").send(toXml(root, value));
}

function parseForm(body: string): open311.Form {
  const form: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const existing = form[key];
    form[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return form;
}

/** A JSON body is taken too (some clients send one), its members read as the form's fields. */
function formOf(body: unknown): open311.Form {
  if (!body || typeof body !== "object" || Array.isArray(body)) return {};
  const form: open311.Form = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (Array.isArray(value)) form[key] = value.map(String);
    else if (value !== null && value !== undefined && typeof value !== "object") form[key] = String(value);
  }
  return form;
}

function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export async function open311Routes(app: FastifyInstance): Promise<void> {
  // What the city publishes: an ordinary staff route, in the OpenAPI document.
  const staff = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["open311"];
  staff.get("/api/open311/settings", { schema: { tags, response: { 200: Open311Settings } } }, async (request) => open311.getSettings(request.ctx));
  staff.patch("/api/open311/settings", { schema: { tags, body: UpdateOpen311SettingsBody, response: { 200: Open311Settings } } }, async (request) =>
    open311.updateSettings(request.ctx, request.body),
  );

  await app.register(
    async (api) => {
      if (!api.hasContentTypeParser(FORM)) {
        api.addContentTypeParser(FORM, { parseAs: "string", bodyLimit: FORM_LIMIT }, (_request, body, done) => done(null, parseForm(String(body))));
      }

      api.setErrorHandler((error, request, reply) => {
        let problem: open311.Open311Error;
        if (error instanceof open311.Open311Error) problem = error;
        else if (error instanceof AppError) problem = open311.fromAppError(error);
        else {
          const status = (error as { statusCode?: number }).statusCode;
          if (!status || status >= 500) request.log.error({ type: (error as Error).name }, "open311 request failed");
          // The spec's "general service error": 400, whatever went wrong (a malformed body, a failure behind).
          problem = new open311.Open311Error(400, [{ code: 400, description: status && status < 500 ? (error as Error).message : "General service error" }]);
        }
        return send(reply, formatOf(request), "errors", problem.errors, problem.status);
      });
      api.setNotFoundHandler((request, reply) => send(reply, formatOf(request), "errors", [{ code: 404, description: "no such resource" }], 404));

      const hide = { hide: true };
      const discovery = async (request: FastifyRequest<{ Params: { format: string } }>, reply: FastifyReply) =>
        send(reply, format(request.params.format), "discovery", await open311.discovery(request.ctx.db, baseUrl(request)));
      api.get("/discovery.:format", { schema: hide }, discovery);
      api.get("/v2/discovery.:format", { schema: hide }, discovery);

      api.get<{ Params: { format: string }; Querystring: open311.Form }>("/v2/services.:format", { schema: hide }, async (request, reply) => {
        const as = format(request.params.format);
        const cityId = await open311.jurisdiction(request.ctx.db, first(request.query.jurisdiction_id));
        return send(reply, as, "services", await open311.services(request.ctx.db, cityId));
      });
      api.get<{ Params: { file: string }; Querystring: open311.Form }>("/v2/services/:file", { schema: hide }, async (request, reply) => {
        const { id, format: as } = split(request.params.file);
        const cityId = await open311.jurisdiction(request.ctx.db, first(request.query.jurisdiction_id));
        return send(reply, as, "service_definition", await open311.serviceDefinition(request.ctx.db, cityId, id));
      });
      api.post<{ Params: { format: string } }>("/v2/requests.:format", { schema: hide }, async (request, reply) => {
        const as = format(request.params.format);
        const form = formOf(request.body);
        const cityId = await open311.jurisdiction(request.ctx.db, first(form.jurisdiction_id));
        return send(reply, as, "service_requests", await open311.createRequest(request.ctx, cityId, form, request.ctx.config.open311ApiKey ?? undefined));
      });
      api.get<{ Params: { format: string }; Querystring: open311.Form }>("/v2/requests.:format", { schema: hide }, async (request, reply) => {
        const as = format(request.params.format);
        const cityId = await open311.jurisdiction(request.ctx.db, first(request.query.jurisdiction_id));
        return send(reply, as, "service_requests", await open311.listRequests(request.ctx, cityId, request.query));
      });
      api.get<{ Params: { file: string }; Querystring: open311.Form }>("/v2/requests/:file", { schema: hide }, async (request, reply) => {
        const { id, format: as } = split(request.params.file);
        const cityId = await open311.jurisdiction(request.ctx.db, first(request.query.jurisdiction_id));
        return send(reply, as, "service_requests", await open311.getRequest(request.ctx, cityId, id));
      });
      api.get<{ Params: { file: string }; Querystring: open311.Form }>("/v2/tokens/:file", { schema: hide }, async (request, reply) => {
        const { id, format: as } = split(request.params.file);
        const cityId = await open311.jurisdiction(request.ctx.db, first(request.query.jurisdiction_id));
        return send(reply, as, "service_requests", await open311.token(request.ctx.db, cityId, id));
      });
    },
    { prefix: "/open311" },
  );
}

function first(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}
