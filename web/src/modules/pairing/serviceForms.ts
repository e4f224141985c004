import type { FieldSpec } from "../../components/RecordForm";

/** The fields of each new record of party members in service, as shared/schemas/pairing.ts names and bounds them. */
export const serviceFields: Record<"members" | "teams" | "deeds" | "calls", FieldSpec[]> = {
  members: [
    { name: "personId", label: "service.field.person", kind: "person" },
    { name: "nodeId", label: "service.field.community", kind: "village" },
    { name: "post", label: "service.field.post", kind: "text", max: 100 },
  ],
  teams: [
    { name: "nodeId", label: "service.field.community", kind: "village" },
    { name: "name", label: "service.field.team", kind: "text", max: 100 },
    { name: "focus", label: "service.field.focus", kind: "text", max: 200 },
  ],
  deeds: [
    { name: "nodeId", label: "service.field.community", kind: "village" },
    { name: "title", label: "service.field.deed", kind: "text", max: 200 },
    { name: "description", label: "service.form.description", kind: "textarea", max: 2000 },
    { name: "beneficiaries", label: "service.field.beneficiaries", kind: "int", min: 1, max: 1_000_000 },
  ],
  calls: [
    { name: "nodeId", label: "service.field.community", kind: "village" },
    { name: "title", label: "service.field.call", kind: "text", max: 200 },
    { name: "kind", label: "service.field.kind", kind: "text", max: 50 },
    { name: "day", label: "service.form.day", kind: "date" },
    { name: "slot", label: "service.form.slot", kind: "text", max: 50 },
    { name: "capacity", label: "service.form.capacity", kind: "int", min: 1, max: 1000 },
  ],
};

/** Hours served by a reporting member (the body adds the report's version), and a person joining a volunteer team. */
export const hoursFields: FieldSpec[] = [
  { name: "happenedOn", label: "service.form.happenedOn", kind: "date", required: false },
  { name: "minutes", label: "service.form.minutes", kind: "int", min: 1, max: 24 * 60 },
  { name: "note", label: "service.form.note", kind: "textarea", max: 500 },
];
export const teamMemberFields: FieldSpec[] = [{ name: "personId", label: "service.field.person", kind: "person" }];

/** A call of one shift as the server's body: the shift in its array. */
export function callBody(values: Record<string, unknown>) {
  const { day, slot, capacity, ...rest } = values;
  return { ...rest, shifts: [{ day, slot, capacity }] };
}
