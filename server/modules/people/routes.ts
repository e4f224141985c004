import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { IdParams, Ok, pageOf } from "../../../shared/schemas/common";
import { CreatePersonBody, DeletePersonBody, Household, HouseholdQuery, Person, PersonQuery, RevealBody, RevealResult, UpdatePersonBody } from "../../../shared/schemas/people";
import * as people from "./service";

export async function peopleRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["people"];

  api.get("/api/persons", { schema: { tags, querystring: PersonQuery, response: { 200: pageOf(Person) } } }, async (request) =>
    people.listPersons(request.ctx, request.query),
  );
  api.get("/api/persons/:id", { schema: { tags, params: IdParams, response: { 200: Person } } }, async (request) =>
    people.getPerson(request.ctx, request.params.id),
  );
  api.post("/api/persons", { schema: { tags, body: CreatePersonBody, response: { 201: Person } } }, async (request, reply) => {
    reply.status(201);
    return people.createPerson(request.ctx, request.body);
  });
  api.patch("/api/persons/:id", { schema: { tags, params: IdParams, body: UpdatePersonBody, response: { 200: Person } } }, async (request) =>
    people.updatePerson(request.ctx, request.params.id, request.body),
  );
  api.delete("/api/persons/:id", { schema: { tags, params: IdParams, body: DeletePersonBody, response: { 200: Ok } } }, async (request) => {
    await people.deletePerson(request.ctx, request.params.id, request.body);
    return { ok: true as const };
  });
  api.post("/api/persons/:id/reveal", { schema: { tags, params: IdParams, body: RevealBody, response: { 200: RevealResult } } }, async (request) =>
    people.revealField(request.ctx, request.params.id, request.body.field),
  );
  api.get("/api/households", { schema: { tags, querystring: HouseholdQuery, response: { 200: pageOf(Household) } } }, async (request) =>
    people.listHouseholds(request.ctx, request.query),
  );
  api.get("/api/households/:id", { schema: { tags, params: IdParams, response: { 200: Household } } }, async (request) =>
    people.getHousehold(request.ctx, request.params.id),
  );
}
