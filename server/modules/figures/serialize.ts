import fastJson from "fast-json-stringify";
import { z } from "zod";
import { Figures, ProvinceFigures } from "../../../shared/schemas/figures";

/**
 * GET /api/figures as JSON text, by a function fast-json-stringify compiles once from the response's
 * JSON schema (the one the OpenAPI document shows): the answer is serialised once per computation
 * and kept, instead of being checked field by field by zod and stringified on every request.
 */
export const serializeFigures: (answer: Figures) => string = fastJson(z.toJSONSchema(Figures, { io: "output" }) as Parameters<typeof fastJson>[0]);

/** GET /api/figures/province as JSON text, compiled the same way. */
export const serializeProvince: (answer: ProvinceFigures) => string = fastJson(z.toJSONSchema(ProvinceFigures, { io: "output" }) as Parameters<typeof fastJson>[0]);
