import type { Permission } from "../../../shared/permissions";
import type { CampaignAbilities, ClaimAbilities, ProjectAbilities, ReportAbilities, TopicAbilities } from "../../../shared/schemas/campaign";
import type { Actor } from "../../platform/context";
import { abilitiesAt } from "../../platform/policy";

/**
 * Who may do what with the campaign's records, answered at the campaign's node (projects: at their own
 * node). The abilities travel with each record so the client hides what the server would refuse.
 */

const campaignPermissions = {
  manage: "campaign.manage",
  review: "campaign.review",
  claim: "campaign.claim",
  report: "campaign.report",
} as const satisfies Record<keyof CampaignAbilities, Permission>;

const projectPermissions = { update: "campaign.manage", delete: "campaign.manage", review: "campaign.review" } as const satisfies Record<
  Exclude<keyof ProjectAbilities, "report">,
  Permission
>;

const topicPermissions = { manage: "campaign.manage", claim: "campaign.claim" } as const satisfies Record<keyof TopicAbilities, Permission>;

export function campaignAbilities(actor: Actor, path: string): CampaignAbilities {
  return abilitiesAt(actor, path, campaignPermissions);
}

/** `reports`: whether the caller's units or nodes reach the project as its reporters (access.ts, projectInReach). */
export function projectAbilities(actor: Actor, path: string, reports: boolean): ProjectAbilities {
  return { ...abilitiesAt(actor, path, projectPermissions), report: reports };
}

export function topicAbilities(actor: Actor, path: string): TopicAbilities {
  return abilitiesAt(actor, path, topicPermissions);
}

/** The office's review of claims and reports, and its sight of draft topics. */
export function mayReview(actor: Actor, path: string): boolean {
  return abilitiesAt(actor, path, { review: "campaign.review" }).review;
}

export function mayManage(actor: Actor, path: string): boolean {
  return abilitiesAt(actor, path, { manage: "campaign.manage" }).manage;
}

/** A claim is reviewed once by the office; its claimant resubmits a returned one or withdraws it before approval. */
export function claimAbilities(reviewer: boolean, claimant: boolean, status: string): ClaimAbilities {
  return {
    approve: reviewer && status === "submitted",
    return: reviewer && status === "submitted",
    resubmit: claimant && status === "returned",
    withdraw: claimant && (status === "submitted" || status === "returned"),
  };
}

/** A report is reviewed once; only its submitter adds evidence, and only while it waits. */
export function reportAbilities(reviewer: boolean, submitter: boolean, status: string): ReportAbilities {
  return {
    accept: reviewer && status === "submitted",
    return: reviewer && status === "submitted",
    attach: submitter && status === "submitted",
  };
}
