import type { Permission } from "../../../shared/permissions";
import type { PersonAbilities } from "../../../shared/schemas/people";
import type { Actor } from "../../platform/context";
import { abilitiesAt } from "../../platform/policy";
import type { NodeRef } from "../../platform/tree";

/** Who may change a person's record or read it unmasked, answered at the node the person belongs to. */
const personPermissions = { update: "person.manage", delete: "person.manage", reveal: "person.reveal" } as const satisfies Record<keyof PersonAbilities, Permission>;

export function personAbilities(actor: Actor, node: NodeRef | undefined): PersonAbilities {
  return node ? abilitiesAt(actor, node.path, personPermissions) : { update: false, delete: false, reveal: false };
}
