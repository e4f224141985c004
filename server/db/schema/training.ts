import { boolean, foreignKey, index, integer, jsonb, pgTable, text, unique } from "drizzle-orm/pg-core";
import { cityId, createdAt, id, ref, stamp, updatedAt, version } from "./columns";
import { orgNodes } from "./orgs";
import { persons } from "./people";

/**
 * Training (培根铸魂, the "二三四五一" mechanism): classrooms, teachers, forms, yearly plans, sessions,
 * attendance and leave; then the competency test: question bank, exams, attempts and their answers.
 * A row's node decides who manages it: the party school's main classroom hangs at the city, a township's
 * branch classroom at the township.
 */

/** 五种形式: the city configures its forms of training. */
export const trainingForms = pgTable(
  "training_forms",
  { id: id(), cityId: cityId(), name: text("name").notNull(), seq: integer("seq").notNull(), retiredAt: stamp("retired_at"), createdAt: createdAt() },
  (t) => [unique("training_forms_city_name").on(t.cityId, t.name), unique("training_forms_city_id").on(t.cityId, t.id)],
);

/** 两个课堂: the party school's main classroom (city) and a branch classroom in each township. */
export const trainingClassrooms = pgTable(
  "training_classrooms",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    address: text("address").notNull().default(""),
    retiredAt: stamp("retired_at"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("training_classrooms_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "training_classrooms_node_fk" }),
    index("training_classrooms_node_idx").on(t.nodeId),
  ],
);

/** 四级师资: province, city, county, township teachers with their unit and topics. */
export const trainingTeachers = pgTable(
  "training_teachers",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    name: text("name").notNull(),
    level: text("level").notNull(),
    unit: text("unit").notNull(),
    topics: jsonb("topics").$type<string[]>().notNull(),
    retiredAt: stamp("retired_at"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("training_teachers_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "training_teachers_node_fk" }),
    index("training_teachers_node_idx").on(t.nodeId),
  ],
);

/** A node's training plan for a year; its sessions hang under it. */
export const trainingPlans = pgTable(
  "training_plans",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    year: integer("year").notNull(),
    title: text("title").notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("training_plans_city_id").on(t.cityId, t.id),
    unique("training_plans_node_year").on(t.nodeId, t.year),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "training_plans_node_fk" }),
  ],
);

/** A session: its node is its classroom's, so whoever manages the classroom manages the session. */
export const trainingSessions = pgTable(
  "training_sessions",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    planId: ref("plan_id").notNull(),
    classroomId: ref("classroom_id").notNull(),
    formId: ref("form_id").notNull(),
    topic: text("topic").notNull(),
    title: text("title").notNull(),
    teacherIds: jsonb("teacher_ids").$type<number[]>().notNull(),
    audienceLevels: jsonb("audience_levels").$type<string[]>().notNull(),
    audienceNodeIds: jsonb("audience_node_ids").$type<number[]>().notNull(),
    startsAt: stamp("starts_at").notNull(),
    endsAt: stamp("ends_at").notNull(),
    place: text("place").notNull(),
    /** Signs the short-lived check-in codes; never leaves the server. */
    checkInSecret: text("check_in_secret").notNull(),
    cancelledAt: stamp("cancelled_at"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("training_sessions_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "training_sessions_node_fk" }),
    foreignKey({ columns: [t.cityId, t.planId], foreignColumns: [trainingPlans.cityId, trainingPlans.id], name: "training_sessions_plan_fk" }),
    foreignKey({ columns: [t.cityId, t.classroomId], foreignColumns: [trainingClassrooms.cityId, trainingClassrooms.id], name: "training_sessions_classroom_fk" }),
    foreignKey({ columns: [t.cityId, t.formId], foreignColumns: [trainingForms.cityId, trainingForms.id], name: "training_sessions_form_fk" }),
    index("training_sessions_node_idx").on(t.nodeId),
    index("training_sessions_starts_idx").on(t.cityId, t.startsAt),
  ],
);

/** One person present at one session (a person-time): by QR check-in or the organiser's tick. */
export const trainingAttendance = pgTable(
  "training_attendance",
  {
    id: id(),
    cityId: cityId(),
    sessionId: ref("session_id").notNull(),
    personId: ref("person_id").notNull(),
    /** The person's node when they attended, so person-times add up by node. */
    nodeId: ref("node_id").notNull(),
    method: text("method").notNull(),
    at: stamp("at").notNull(),
    recordedBy: ref("recorded_by"),
  },
  (t) => [
    unique("training_attendance_session_person").on(t.sessionId, t.personId),
    foreignKey({ columns: [t.cityId, t.sessionId], foreignColumns: [trainingSessions.cityId, trainingSessions.id], name: "training_attendance_session_fk" }),
    foreignKey({ columns: [t.cityId, t.personId], foreignColumns: [persons.cityId, persons.id], name: "training_attendance_person_fk" }),
    index("training_attendance_node_idx").on(t.nodeId),
    index("training_attendance_person_idx").on(t.personId),
  ],
);

/** A leave request for a session, decided by its organiser. */
export const trainingLeaves = pgTable(
  "training_leaves",
  {
    id: id(),
    cityId: cityId(),
    sessionId: ref("session_id").notNull(),
    personId: ref("person_id").notNull(),
    nodeId: ref("node_id").notNull(),
    reason: text("reason").notNull(),
    status: text("status").notNull(),
    decidedBy: ref("decided_by"),
    decidedAt: stamp("decided_at"),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("training_leaves_session_person").on(t.sessionId, t.personId),
    foreignKey({ columns: [t.cityId, t.sessionId], foreignColumns: [trainingSessions.cityId, trainingSessions.id], name: "training_leaves_session_fk" }),
    foreignKey({ columns: [t.cityId, t.personId], foreignColumns: [persons.cityId, persons.id], name: "training_leaves_person_fk" }),
  ],
);

/** The question bank. `answer` is the key (option letters, "true"/"false", or a reference for short answers): it never goes to a candidate before submission. */
export const examQuestions = pgTable(
  "exam_questions",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    type: text("type").notNull(),
    topic: text("topic").notNull(),
    difficulty: text("difficulty").notNull(),
    stem: text("stem").notNull(),
    options: jsonb("options").$type<string[]>().notNull(),
    answer: jsonb("answer").$type<string[]>().notNull(),
    retiredAt: stamp("retired_at"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("exam_questions_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "exam_questions_node_fk" }),
    index("exam_questions_pool_idx").on(t.cityId, t.topic, t.difficulty),
  ],
);

export interface ExamRule {
  topic: string;
  difficulty: string;
  count: number;
  /** Marks for each question this rule draws, so every candidate's paper is worth the same. */
  points: number;
}

/** An exam: rules that draw each candidate's paper, a window and a time limit, a pass mark; a make-up names the exam it makes up for. */
export const exams = pgTable(
  "exams",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    title: text("title").notNull(),
    rules: jsonb("rules").$type<ExamRule[]>().notNull(),
    opensAt: stamp("opens_at").notNull(),
    closesAt: stamp("closes_at").notNull(),
    timeLimitMinutes: integer("time_limit_minutes").notNull(),
    passMark: integer("pass_mark").notNull(),
    makeupOf: ref("makeup_of"),
    retiredAt: stamp("retired_at"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("exams_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "exams_node_fk" }),
    index("exams_node_idx").on(t.nodeId),
  ],
);

/** Who sits an exam, with the level of cadre they are (city, township, village) for pass rates by level. */
export const examCandidates = pgTable(
  "exam_candidates",
  {
    id: id(),
    cityId: cityId(),
    examId: ref("exam_id").notNull(),
    personId: ref("person_id").notNull(),
    /** The name as enrolled: the roster of an exam is a record of who sat it. */
    personName: text("person_name").notNull(),
    nodeId: ref("node_id").notNull(),
    level: text("level").notNull(),
  },
  (t) => [
    unique("exam_candidates_exam_person").on(t.examId, t.personId),
    foreignKey({ columns: [t.cityId, t.examId], foreignColumns: [exams.cityId, exams.id], name: "exam_candidates_exam_fk" }),
    foreignKey({ columns: [t.cityId, t.personId], foreignColumns: [persons.cityId, persons.id], name: "exam_candidates_person_fk" }),
    index("exam_candidates_person_idx").on(t.personId),
    index("exam_candidates_node_idx").on(t.nodeId),
  ],
);

/** A candidate's one attempt: its deadline is fixed when it starts (the time limit, or the window's end if sooner). */
export const examAttempts = pgTable(
  "exam_attempts",
  {
    id: id(),
    cityId: cityId(),
    examId: ref("exam_id").notNull(),
    candidateId: ref("candidate_id").notNull(),
    personId: ref("person_id").notNull(),
    nodeId: ref("node_id").notNull(),
    level: text("level").notNull(),
    startedAt: stamp("started_at").notNull(),
    deadlineAt: stamp("deadline_at").notNull(),
    submittedAt: stamp("submitted_at"),
    /** in_progress → grading (short answers wait for a second person) → scored. */
    status: text("status").notNull(),
    autoScore: integer("auto_score"),
    score: integer("score"),
    passed: boolean("passed"),
    version: version(),
  },
  (t) => [
    unique("exam_attempts_city_id").on(t.cityId, t.id),
    unique("exam_attempts_exam_person").on(t.examId, t.personId),
    foreignKey({ columns: [t.cityId, t.examId], foreignColumns: [exams.cityId, exams.id], name: "exam_attempts_exam_fk" }),
    index("exam_attempts_node_idx").on(t.nodeId),
    index("exam_attempts_person_idx").on(t.personId),
  ],
);

/** One drawn question of an attempt, in the candidate's order, with the answer as last saved and its marks. */
export const examAttemptItems = pgTable(
  "exam_attempt_items",
  {
    id: id(),
    cityId: cityId(),
    attemptId: ref("attempt_id").notNull(),
    seq: integer("seq").notNull(),
    questionId: ref("question_id").notNull(),
    points: integer("points").notNull(),
    answer: jsonb("answer").$type<string[]>(),
    savedAt: stamp("saved_at"),
    score: integer("score"),
    gradedBy: ref("graded_by"),
    gradedAt: stamp("graded_at"),
  },
  (t) => [
    unique("exam_attempt_items_attempt_seq").on(t.attemptId, t.seq),
    foreignKey({ columns: [t.cityId, t.attemptId], foreignColumns: [examAttempts.cityId, examAttempts.id], name: "exam_attempt_items_attempt_fk" }),
    foreignKey({ columns: [t.cityId, t.questionId], foreignColumns: [examQuestions.cityId, examQuestions.id], name: "exam_attempt_items_question_fk" }),
  ],
);
