/** The campaign module's service: what routes, jobs and other modules call. */

export { createCampaign, deleteCampaign, getCampaign, listCampaigns, updateCampaign } from "./campaigns";
export { createAspect, createItem, createMeasure, deleteAspect, deleteItem, deleteMeasure, listAspects, listItems, listMeasures, updateAspect, updateItem, updateMeasure } from "./plan";
export { addMember, createTaskForce, deleteTaskForce, getTaskForce, listTaskForces, removeMember, updateTaskForce } from "./taskforces";
export { createMilestone, createProject, deleteMilestone, deleteProject, getProject, listDueMilestones, listProjects, setProjectStatus, updateMilestone, updateProject } from "./projects";
export { MINIMUM_DUE, battleMap, campaignFigures, figuresFor, rates, topicUnits } from "./overview";
export { addUnitMember, listUnitMembers, me, removeUnitMember } from "./members";
export { listClaims } from "./board";
export { listReports } from "./reports";
