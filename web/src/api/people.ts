import { z } from "zod";
import { pageOf } from "../../../shared/schemas/common";
import {
  CreatePersonBody,
  DeletePersonBody,
  Household,
  HouseholdQuery,
  Person,
  PersonQuery,
  RevealField,
  RevealResult,
  UpdatePersonBody,
} from "../../../shared/schemas/people";
import { request } from "./client";

export type PersonData = z.output<typeof Person>;
export type PersonParams = Partial<z.output<typeof PersonQuery>>;
export type RevealFieldName = z.output<typeof RevealField>;
export type CreatePersonInput = z.input<typeof CreatePersonBody>;
export type UpdatePersonInput = z.input<typeof UpdatePersonBody>;
export type DeletePersonInput = z.input<typeof DeletePersonBody>;
export type HouseholdData = z.output<typeof Household>;
export type HouseholdParams = Partial<z.output<typeof HouseholdQuery>>;

export const PersonPage = pageOf(Person);
export type PersonPageData = z.output<typeof PersonPage>;
const HouseholdPage = pageOf(Household);
const Ignored = z.unknown();

export const peopleApi = {
  list: (params: PersonParams = {}, signal?: AbortSignal) => request("GET", "/persons", { schema: PersonPage, query: params, signal }),
  get: (id: number, signal?: AbortSignal) => request("GET", `/persons/${id}`, { schema: Person, signal }),
  create: (body: CreatePersonInput) => request("POST", "/persons", { schema: Person, body }),
  update: (id: number, body: UpdatePersonInput) => request("PATCH", `/persons/${id}`, { schema: Person, body }),
  remove: async (id: number, body: DeletePersonInput) => {
    await request("DELETE", `/persons/${id}`, { schema: Ignored, body });
  },
  /** Audited on the server; only for callers whose Person.abilities.reveal is true. */
  reveal: (id: number, field: RevealFieldName) => request("POST", `/persons/${id}/reveal`, { schema: RevealResult, body: { field } }),
  households: (params: HouseholdParams = {}, signal?: AbortSignal) =>
    request("GET", "/households", { schema: HouseholdPage, query: params, signal }),
  household: (id: number, signal?: AbortSignal) => request("GET", `/households/${id}`, { schema: Household, signal }),
};
