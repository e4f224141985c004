import type { Database } from "../../db/client";
import * as repo from "./repository";

/** The events module's service: what routes, jobs and other modules call. */
export { createEventType, listEventTypes, updateEventType } from "./catalogue";
export { departmentStats, nodeStats } from "./stats";
export { exportGrids, importGrids } from "./grids";
export { placeByCode, placeInAddress } from "./geography";
export { open311Status } from "./stages";
export { caseCode, distanceMetres } from "./core";
export { type Open311Intake, locateInCity, reportEvent, reportOpen311, reportPublic } from "./intake";
export { eventMap, eventPhoto, getEvent, listEvents, summonsToAnswer } from "./queries";
export { acceptEvent, answerSummons, closeEvent, deleteEvent, dispatchEvent, evaluateEvent, feedbackEvent, rateSummons, refuseEvent, registerEvent, rejectEvent, resubmitEvent, sendBackEvent, summonDepartments } from "./workflow";
export { type Open311Record, type ServiceType, catalogueChangedAt, open311Records, open311Services, open311Token, publicTypes, ratePublic, trackPublic } from "./public";
export { sweepOverdueEvents } from "./sweep";
export { eventPhotoThumb, publicPhoto } from "./public-photos";
export { type LiveEvent, eventsTurnedRed, liveEvents } from "./live";

/** Open grid events keep their node: it is not retired under them. */
export async function retireGuard(db: Database, nodeId: number): Promise<string | null> {
  return (await repo.countOpenAt(db, nodeId)) > 0 ? "该节点仍有未办结的网格事件 (open grid events still sit at this node)" : null;
}
