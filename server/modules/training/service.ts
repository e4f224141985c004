/** What other modules may ask of training (the cadre reserve's profile): a person's sessions attended and test scores. */
export { sessionsAttendedBy } from "./sessions";
export { examScoresOf } from "./exams";
