import { z } from "zod";
import { Ok, pageOf } from "../../../shared/schemas/common";
import {
  AnswerSuggestionBody,
  CreateCallBody,
  CreateDeedBody,
  CreateMemberReportBody,
  CreateTeamBody,
  LogServiceBody,
  Call,
  Deed,
  Conflict,
  ConflictDetail,
  ConflictQuery,
  ConflictResultBody,
  ConflictStepBody,
  Coverage,
  CoverageQuery,
  CreateConflictBody,
  CreateVisitBody,
  MemberReport,
  MyHouseholds,
  OrganPairing,
  Pairing,
  PairingQuery,
  RevealParties,
  RevealVisit,
  PairingSettings,
  UpdatePairingSettingsBody,
  VisitQuery,
  ServiceQuery,
  Suggestion,
  SuggestionQuery,
  Visit,
  VolunteerTeam,
} from "../../../shared/schemas/pairing";
import { request } from "./client";

export type PairingData = z.output<typeof Pairing>;
export type PairingParams = Partial<z.output<typeof PairingQuery>>;
export type MyHouseholdsData = z.output<typeof MyHouseholds>;
export type CoverageData = z.output<typeof Coverage>;
export type CoverageParams = Partial<z.output<typeof CoverageQuery>>;
export type VisitInput = z.input<typeof CreateVisitBody>;
export type ConflictData = z.output<typeof Conflict>;
export type ConflictDetailData = z.output<typeof ConflictDetail>;
export type ConflictParams = Partial<z.output<typeof ConflictQuery>>;
export type SuggestionData = z.output<typeof Suggestion>;
export type VisitData = z.output<typeof Visit>;
export type VisitParams = Partial<z.output<typeof VisitQuery>>;
export type SuggestionParams = Partial<z.output<typeof SuggestionQuery>>;
export type ServiceParams = Partial<z.output<typeof ServiceQuery>>;
export type MemberReportData = z.output<typeof MemberReport>;
export type VolunteerTeamData = z.output<typeof VolunteerTeam>;
export type DeedData = z.output<typeof Deed>;
export type CallData = z.output<typeof Call>;
export type OrganPairingData = z.output<typeof OrganPairing>;
const Community = z.object({ nodeId: z.number(), nodeName: z.string(), organs: z.number() });
export type CommunityData = z.output<typeof Community>;

export const pairingApi = {
  pairings: (params: PairingParams = {}, signal?: AbortSignal) => request("GET", "/pairings", { schema: pageOf(Pairing), query: params, signal }),
  mine: (signal?: AbortSignal) => request("GET", "/pairing/mine", { schema: MyHouseholds, signal }),
  coverage: (params: CoverageParams = {}, signal?: AbortSignal) => request("GET", "/pairing/coverage", { schema: Coverage, query: params, signal }),
  visit: (body: VisitInput) => request("POST", "/pairing/visits", { schema: Visit, body }),
  conflicts: (params: ConflictParams = {}, signal?: AbortSignal) => request("GET", "/pairing/conflicts", { schema: pageOf(Conflict), query: params, signal }),
  create: (body: z.input<typeof CreateConflictBody>) => request("POST", "/pairing/conflicts", { schema: ConflictDetail, body }),
  conflict: (id: number, signal?: AbortSignal) => request("GET", `/pairing/conflicts/${id}`, { schema: ConflictDetail, signal }),
  step: (id: number, body: z.input<typeof ConflictStepBody>) => request("POST", `/pairing/conflicts/${id}/steps`, { schema: ConflictDetail, body }),
  result: (id: number, body: z.input<typeof ConflictResultBody>) => request("POST", `/pairing/conflicts/${id}/result`, { schema: ConflictDetail, body }),
  close: (id: number, version: number) => request("POST", `/pairing/conflicts/${id}/close`, { schema: ConflictDetail, body: { version } }),
  reveal: (id: number) => request("POST", `/pairing/conflicts/${id}/reveal`, { schema: RevealParties }),
  visits: (params: VisitParams = {}, signal?: AbortSignal) => request("GET", "/pairing/visits", { schema: pageOf(Visit), query: params, signal }),
  revealVisit: (id: number) => request("POST", `/pairing/visits/${id}/reveal`, { schema: RevealVisit }),
  settings: (signal?: AbortSignal) => request("GET", "/pairing/settings", { schema: PairingSettings, signal }),
  saveSettings: (body: z.input<typeof UpdatePairingSettingsBody>) => request("PUT", "/pairing/settings", { schema: PairingSettings, body }),
  suggestions: (params: SuggestionParams = {}, signal?: AbortSignal) => request("GET", "/pairing/suggestions", { schema: pageOf(Suggestion), query: params, signal }),
  answer: (id: number, body: z.input<typeof AnswerSuggestionBody>) => request("POST", `/pairing/suggestions/${id}/answer`, { schema: Suggestion, body }),
};

export const serviceApi = {
  communities: (params: ServiceParams = {}, signal?: AbortSignal) => request("GET", "/service/communities", { schema: pageOf(Community), query: params, signal }),
  organPairings: (params: ServiceParams = {}, signal?: AbortSignal) => request("GET", "/service/organ-pairings", { schema: pageOf(OrganPairing), query: params, signal }),
  members: (params: ServiceParams = {}, signal?: AbortSignal) => request("GET", "/service/members", { schema: pageOf(MemberReport), query: params, signal }),
  teams: (params: ServiceParams = {}, signal?: AbortSignal) => request("GET", "/service/teams", { schema: pageOf(VolunteerTeam), query: params, signal }),
  deeds: (params: ServiceParams = {}, signal?: AbortSignal) => request("GET", "/service/deeds", { schema: pageOf(Deed), query: params, signal }),
  calls: (params: ServiceParams = {}, signal?: AbortSignal) => request("GET", "/service/calls", { schema: pageOf(Call), query: params, signal }),
  myCalls: (signal?: AbortSignal) => request("GET", "/service/calls/mine", { schema: pageOf(Call), query: { pageSize: 50 }, signal }),
  signUpMine: (shiftId: number) => request("POST", `/service/shifts/${shiftId}/signups/mine`, { schema: Ok, body: {} }),
  createCall: (body: z.input<typeof CreateCallBody>) => request("POST", "/service/calls", { schema: Call, body }),
  create: {
    members: (body: z.input<typeof CreateMemberReportBody>) => request("POST", "/service/members", { schema: MemberReport, body }),
    teams: (body: z.input<typeof CreateTeamBody>) => request("POST", "/service/teams", { schema: VolunteerTeam, body }),
    deeds: (body: z.input<typeof CreateDeedBody>) => request("POST", "/service/deeds", { schema: Deed, body }),
  },
  logHours: (id: number, body: z.input<typeof LogServiceBody>) => request("POST", `/service/members/${id}/hours`, { schema: MemberReport, body }),
  addTeamMember: (id: number, personId: number) => request("POST", `/service/teams/${id}/members`, { schema: Ok, body: { personId } }),
};
