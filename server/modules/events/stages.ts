import type { EventStage, TimerStage } from "../../../shared/schemas/events";

/**
 * The case workflow of CJJ/T 106 as an explicit state machine: every action names the stages it may
 * start from and the stage it leads to (who may take it: policy.ts). Anything else is refused with 409
 * invalid_transition, whatever the caller's rights.
 */
export type EventAction = "register" | "reject" | "resubmit" | "dispatch" | "reroute" | "accept" | "refuse" | "feedback" | "close" | "send_back" | "evaluate";

export interface Transition {
  from: readonly EventStage[];
  to: EventStage;
  /** Whether the stage's timer starts afresh; signing for a case keeps the handling clock running. */
  restartsTimer: boolean;
}

export const transitions: Record<EventAction, Transition> = {
  register: { from: ["reported"], to: "dispatching", restartsTimer: true },
  reject: { from: ["reported", "dispatching"], to: "rejected", restartsTimer: true },
  // 补充后重新上报: a case not accepted goes back to the reporter's side, who adds what was missing and reports it again.
  resubmit: { from: ["rejected"], to: "reported", restartsTimer: true },
  dispatch: { from: ["dispatching"], to: "dispatched", restartsTimer: true },
  reroute: { from: ["dispatched", "handling"], to: "dispatched", restartsTimer: true },
  accept: { from: ["dispatched"], to: "handling", restartsTimer: false },
  refuse: { from: ["dispatched", "handling"], to: "dispatching", restartsTimer: true },
  feedback: { from: ["handling"], to: "checking", restartsTimer: true },
  close: { from: ["checking"], to: "closed", restartsTimer: true },
  send_back: { from: ["checking"], to: "handling", restartsTimer: true },
  evaluate: { from: ["closed"], to: "evaluated", restartsTimer: true },
};

export function allows(action: EventAction, stage: EventStage): boolean {
  return transitions[action].from.includes(stage);
}

/** The time limit an open stage runs against; closed, evaluated and rejected cases have none. */
export function timerOf(stage: EventStage): Exclude<TimerStage, "summon"> | null {
  switch (stage) {
    case "reported":
      return "register";
    case "dispatching":
      return "dispatch";
    case "dispatched":
    case "handling":
      return "handle";
    case "checking":
      return "check";
    default:
      return null;
  }
}

export const openStages: readonly EventStage[] = ["reported", "dispatching", "dispatched", "handling", "checking"];

export function isOpen(stage: EventStage): boolean {
  return openStages.includes(stage);
}

/** Open311 knows two statuses: a case is closed once it is closed, evaluated or rejected. */
export function open311Status(stage: EventStage): "open" | "closed" {
  return isOpen(stage) ? "open" : "closed";
}

/** Green below the warning instant (80 % of the working time), yellow up to the deadline, red past it. */
export function lightAt(warnAt: Date, dueAt: Date, now: Date): "green" | "yellow" | "red" {
  if (now > dueAt) return "red";
  return now >= warnAt ? "yellow" : "green";
}
