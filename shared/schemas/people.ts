import { z } from "zod";
import { abilitiesOf, Id, Version, optionalText, plain, text } from "./common";

export const Gender = z.enum(["M", "F"]);
const Phone = z.string().trim().regex(/^1\d{10}$/, "an 11-digit mobile number");
/** Mainland resident ID: 17 digits and a check character; the check digit is verified server-side. */
const IdNumber = z.string().trim().toUpperCase().regex(/^\d{17}[\dX]$/, "18 characters: 17 digits and a digit or X");

export const PersonFields = ["phone", "idNumber", "address"] as const;
export const RevealField = z.enum(PersonFields);

/** What the caller may do with the record (answered on the server at its node). */
export const personAbilityKeys = ["update", "delete", "reveal"] as const;
export type PersonAbilities = Record<(typeof personAbilityKeys)[number], boolean>;

export const Person = z.object({
  id: Id,
  nodeId: Id,
  nodeName: z.string(),
  name: z.string(),
  gender: Gender,
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  address: z.string().nullable(),
  isPartyMember: z.boolean(),
  posts: z.array(z.object({ post: z.string(), title: z.string(), nodeId: Id })),
  version: z.number().int(),
  abilities: abilitiesOf(personAbilityKeys),
});
export type Person = z.infer<typeof Person>;

export const PersonQuery = z.strictObject({
  org: Id.optional(),
  q: plain().trim().max(50).optional(),
  post: plain().trim().max(40).optional(),
  partyMember: z.enum(["true", "false"]).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const CreatePersonBody = z.strictObject({
  nodeId: Id,
  name: text(40),
  gender: Gender,
  phone: Phone.optional(),
  idNumber: IdNumber.optional(),
  address: optionalText(200).optional(),
  isPartyMember: z.boolean().default(false),
});
export const UpdatePersonBody = z.strictObject({
  version: Version,
  nodeId: Id.optional(),
  name: text(40).optional(),
  gender: Gender.optional(),
  phone: Phone.nullable().optional(),
  idNumber: IdNumber.nullable().optional(),
  address: optionalText(200).nullable().optional(),
  isPartyMember: z.boolean().optional(),
});
export const DeletePersonBody = z.strictObject({ version: Version, reason: text(200) });
export const RevealBody = z.strictObject({ field: RevealField });
export const RevealResult = z.object({ field: RevealField, value: z.string().nullable() });

export const Household = z.object({
  id: Id,
  nodeId: Id,
  nodeName: z.string(),
  code: z.string(),
  address: z.string(),
  memberCount: z.number().int(),
  members: z.array(z.object({ personId: Id, name: z.string(), relation: z.string() })).optional(),
});
export const HouseholdQuery = z.strictObject({
  org: Id.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
