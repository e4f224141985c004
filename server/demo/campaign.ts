import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { PgInsertValue, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../db/client";
import {
  campaignAspects,
  campaignClaims,
  campaignItems,
  campaignMeasures,
  campaignMilestones,
  campaignProjects,
  campaignReports,
  campaignTaskForceMembers,
  campaignTaskForces,
  campaignTopics,
  campaignUnitMembers,
  campaigns,
  orgNodes,
  persons,
  posts,
  units,
  users,
} from "../db/schema";
import { addDays, cityDay, computeAll, isLate, type Status } from "../modules/campaign/progress";
import { ESCALATE_AFTER_DAYS } from "../modules/campaign/sweep";
import { apportion, Random } from "./random";

/**
 * The demo city's campaign (抓党建促基层治理能力提升专项行动), as the article tells it: 6 aspects, 23
 * items, 108 measures regrouped into 10 projects (工程) and 49 concrete projects, run by 6 task
 * forces; each of the 10 standing committee members has claimed one 工程 (揭榜); 29 units have taken
 * 44 topics (领题) with 75 projects; the units' list holds 38 required and 7 optional actions.
 * Progress is realistic: milestones behind the demo's "now" mostly done, some late, some reports
 * awaiting review or returned. Deterministic for a given `now` (dates are placed around it).
 * Writes no audit entry: the caller records the demo load, as for loadDemoCity.
 */

const seed = 20_240_602;
const batchSize = 1000;

const aspectNames = ["政治引领", "组织体系", "治理能力", "服务群众", "平安建设", "基础保障"] as const;
const itemsPerAspect = [4, 4, 4, 4, 4, 3] as const;
const itemNames = [
  "党委统揽全局", "书记抓基层", "理论武装", "作风整顿",
  "村级组织建设", "社区组织建设", "两新组织覆盖", "党员队伍管理",
  "网格化管理", "矛盾纠纷化解", "村民自治", "数字治理",
  "为民办实事", "志愿服务", "党员下沉", "民生兜底",
  "信访维稳", "安全生产", "综合执法", "扫黑除恶",
  "经费保障", "阵地建设", "考核评价",
] as const;
const measureVerbs = ["建立", "完善", "推行", "落实", "开展", "健全", "规范", "强化"] as const;
const measureObjects = ["工作机制", "责任清单", "考评办法", "台账制度", "联席会议", "督导检查", "培训计划", "示范点创建", "问题整改", "群众评议"] as const;

const taskForceSpecs = [
  ["网格治理专班", "网格划分、网格员队伍、事件处置闭环"],
  ["农村集体经济专班", "清化收、村企结对、合作社领办"],
  ["城市基层治理专班", "社区减负增效、物业治理、党员下沉"],
  ["干部队伍建设专班", "培根铸魂、后备干部、作风整顿"],
  ["平安建设专班", "矛盾纠纷排查化解、信访维稳"],
  ["考核督导专班", "1+3X监督考评、挂图作战、压茬推进"],
] as const;

/** 十大工程, each with the task force that runs it. */
const programSpecs: readonly (readonly [string, number])[] = [
  ["头雁领航工程", 3], ["网格赋能工程", 0], ["集体经济壮大工程", 1], ["培根铸魂工程", 3], ["平安护航工程", 4],
  ["民生服务工程", 2], ["作风提升工程", 5], ["阵地建设工程", 2], ["人才振兴工程", 3], ["智慧治理工程", 0],
];
const concreteVerbs = ["试点", "推广", "提质", "攻坚", "规范化建设", "示范创建", "专项整治"] as const;
const unitTopicSubjects = [
  "网格员队伍专业化", "微网格全覆盖", "村级事务阳光化", "集体合同规范", "村企结对", "合作社领办", "社区服务站提档",
  "物业纠纷化解", "党员报到", "志愿服务队", "接诉即办", "信访积案化解", "安全隐患排查", "食品安全进网格",
  "人民调解", "法律明白人", "电动车充电治理", "老旧小区改造", "一老一小服务", "就业帮扶", "医保服务下沉",
  "校园周边治理", "河道巡查", "耕地保护", "移风易俗", "文明实践", "红色教育", "青年人才回引", "巾帼志愿",
  "职工服务阵地", "政务服务下沉", "数据共享", "智慧社区", "应急队伍", "防汛演练", "燃气安全", "消防通道",
  "统计数据质量", "审计整改", "巡察整改", "干部作风评议", "基层减负", "清单化管理", "项目化实施", "科学考评",
] as const;
const milestoneNames = [["制定方案", "动员部署"], ["组织实施", "中期推进"], ["总结验收"]] as const;

export interface DemoCampaignResult {
  campaignId: number;
  projects: number;
}

export async function loadDemoCampaign(db: Database, options: { cityId: number; now: Date }): Promise<DemoCampaignResult> {
  const { cityId, now } = options;
  const today = cityDay(now);
  const random = Random.forSection(seed, "campaign");
  return db.transaction(async (tx) => {
    const [root] = await tx.select({ id: orgNodes.id }).from(orgNodes).where(and(eq(orgNodes.cityId, cityId), isNull(orgNodes.parentId)));
    if (!root) throw new Error(`city ${cityId} has no root node`);
    const unitRows = await tx.select({ id: units.id, code: units.code }).from(units).where(and(eq(units.cityId, cityId), isNull(units.retiredAt))).orderBy(asc(units.id));
    const leaderPosts = await tx
      .select({ personId: posts.personId, post: posts.post })
      .from(posts)
      .innerJoin(persons, eq(persons.id, posts.personId))
      .where(and(eq(posts.cityId, cityId), inArray(posts.post, ["standing_committee", "county_leader"]), isNull(persons.deletedAt)))
      .orderBy(asc(posts.id));
    const standing = [...new Set(leaderPosts.filter((p) => p.post === "standing_committee").map((p) => p.personId))];
    const leaders = [...new Set(leaderPosts.filter((p) => p.post === "county_leader").map((p) => p.personId))];
    if (standing.length < 10 || unitRows.length < 29) throw new Error("the demo campaign needs the demo city's 10 standing committee members and 29 units");
    const unitIds = unitRows.map((u) => u.id);
    const zzb = unitRows.find((u) => u.code === "zzb")?.id ?? unitIds[0]!;

    const startsOn = addDays(today, -92);
    const endsOn = addDays(today, 213);
    const [campaign] = await tx
      .insert(campaigns)
      .values({ cityId, nodeId: root.id, name: "抓党建促基层治理能力提升专项行动", description: "实施十大工程、提升十大能力、实现十大目标。", startsOn, endsOn, createdAt: now, updatedAt: now })
      .returning({ id: campaigns.id });
    const campaignId = campaign!.id;
    const base = { cityId, createdAt: now, updatedAt: now };

    // --- aspects > items
    const aspectIds = await reserveIds(tx, "campaign_aspects", aspectNames.length);
    await insertInBatches(tx, campaignAspects, aspectNames.map((name, i) => ({ ...base, id: aspectIds[i]!, campaignId, seq: i + 1, name })));
    const itemIds = await reserveIds(tx, "campaign_items", itemNames.length);
    const itemAspect = itemsPerAspect.flatMap((count, aspect) => Array.from({ length: count }, () => aspect));
    await insertInBatches(
      tx,
      campaignItems,
      itemNames.map((name, i) => ({ ...base, id: itemIds[i]!, campaignId, aspectId: aspectIds[itemAspect[i]!]!, seq: itemAspect.slice(0, i).filter((a) => a === itemAspect[i]).length + 1, name })),
    );

    // --- task forces and their members
    const taskForceIds = await reserveIds(tx, "campaign_task_forces", taskForceSpecs.length);
    const taskForceLeader = (i: number) => standing[(i + 2) % standing.length]!;
    await insertInBatches(
      tx,
      campaignTaskForces,
      taskForceSpecs.map(([name, duty], i) => ({ ...base, id: taskForceIds[i]!, campaignId, name, duty, leaderPersonId: taskForceLeader(i), leadUnitId: zzb })),
    );
    await insertInBatches(
      tx,
      campaignTaskForceMembers,
      taskForceSpecs.flatMap((_, i) => [
        { cityId, taskForceId: taskForceIds[i]!, personId: taskForceLeader(i), role: "leader", unitId: zzb, createdAt: now },
        ...random.shuffled(leaders.filter((p) => p !== taskForceLeader(i))).slice(0, random.int(3, 6)).map((personId, k) => ({
          cityId,
          taskForceId: taskForceIds[i]!,
          personId,
          role: k === 0 ? "deputy" : "member",
          unitId: random.pick(unitIds),
          createdAt: now,
        })),
      ]),
    );

    // --- projects: the ten 工程 (from the leaders' claims), their 49 concrete projects, the units' 75
    interface PlannedProject {
      row: typeof campaignProjects.$inferInsert & { id: number; startsOn: string; deadline: string };
      milestones: { stage: number; name: string; dueOn: string; weight: number | null; progress: number }[];
    }
    const planned: PlannedProject[] = [];
    const programIds = await reserveIds(tx, "campaign_projects", 10 + 49 + 75);
    let nextProject = 0;
    const leaderTopicIds = await reserveIds(tx, "campaign_topics", 10 + 45);
    const claimIds = await reserveIds(tx, "campaign_claims", 10 + 44);

    /** Milestones spread over the project's span in one or two stages; those due before today mostly done. */
    const milestonesFor = (start: string, deadline: string, behind: boolean) => {
      const stages = random.chance(0.5) ? 2 : 1;
      const names = stages === 2 ? [...milestoneNames[0], ...milestoneNames[2]] : [milestoneNames[0][0], ...milestoneNames[1], ...milestoneNames[2]];
      const span = Math.max(names.length, Math.round((Date.parse(deadline) - Date.parse(start)) / 86_400_000));
      const weighted = random.chance(0.4);
      // Work goes in order: after the first milestone still open, nothing later has started.
      let open = false;
      return names.map((name, k) => {
        const dueOn = addDays(start, Math.round((span * (k + 1)) / names.length));
        const stage = stages === 2 && k >= 2 ? 2 : 1;
        let progress = 0;
        if (!open && dueOn < today) progress = behind && random.chance(0.5) ? random.int(0, 6) * 10 : 100;
        else if (!open && dueOn <= addDays(today, 30) && random.chance(0.4)) progress = random.int(3, 8) * 10;
        if (progress < 100) open = true;
        return { stage, name, dueOn, weight: weighted ? (k === names.length - 1 ? 2 : 1) : null, progress };
      });
    };
    const addProject = (row: Omit<PlannedProject["row"], "id" | "cityId" | "campaignId" | "nodeId" | "createdAt" | "updatedAt">, withMilestones: boolean) => {
      const id = programIds[nextProject++]!;
      const behind = random.chance(0.18);
      planned.push({ row: { ...base, ...row, id, campaignId, nodeId: root.id }, milestones: withMilestones ? milestonesFor(row.startsOn, row.deadline, behind) : [] });
      return id;
    };

    const claimDeadline = addDays(startsOn, 20);
    const topics: PgInsertValue<typeof campaignTopics, true>[] = [];
    const claims: PgInsertValue<typeof campaignClaims, true>[] = [];
    const leaderUser = await tx.select({ id: users.id, personId: users.personId }).from(users).where(and(eq(users.cityId, cityId), inArray(users.personId, standing)));
    const officeUser = (await tx.select({ id: users.id }).from(users).where(eq(users.username, "admin.office")))[0]?.id ?? leaderUser[0]?.id;
    if (officeUser === undefined) throw new Error("the demo campaign needs the demo accounts");
    const claimant = (personId: number) => leaderUser.find((u) => u.personId === personId)?.id ?? officeUser;
    const submittedAt = new Date(Date.parse(`${addDays(startsOn, 10)}T10:00:00+08:00`));
    const reviewedAt = new Date(Date.parse(`${addDays(startsOn, 15)}T10:00:00+08:00`));

    const programs = programSpecs.map(([name, taskForce], i) => {
      const topicId = leaderTopicIds[i]!;
      const claimId = claimIds[i]!;
      topics.push({ ...base, id: topicId, campaignId, audience: "leader", kind: "required", title: name, description: `${name}由市委常委揭榜挂帅，统筹推进。`, expectedResults: "形成可复制推广的河津经验。", claimDeadline, status: "closed", publishedAt: new Date(Date.parse(`${startsOn}T09:00:00+08:00`)) });
      claims.push({ cityId, id: claimId, campaignId, topicId, audience: "leader", claimantPersonId: standing[i]!, claimedBy: claimant(standing[i]!), summary: `揭榜${name}，下乡调研、选准路径。`, plan: { projects: [] }, status: "approved", reviewNote: "同意", reviewedBy: officeUser, reviewedAt, submittedAt, createdAt: submittedAt, updatedAt: reviewedAt });
      const id = addProject({ level: "program", name, kind: "required", taskForceId: taskForceIds[taskForce]!, leaderPersonId: standing[i]!, topicId, claimId, startsOn, deadline: endsOn, parentId: null }, false);
      return { id, taskForce: taskForceIds[taskForce]!, leader: standing[i]!, name };
    });

    const concretePer = apportion(49, programs.map(() => random.between(0.6, 1.4)), 3);
    const concreteIds: number[] = [];
    for (const [p, program] of programs.entries()) {
      for (let k = 0; k < concretePer[p]!; k++) {
        const start = addDays(startsOn, random.int(0, 40));
        const deadline = addDays(today, random.int(-60, 150));
        const lead = k === 0 && p === 0 ? zzb : random.pick(unitIds);
        concreteIds.push(
          addProject(
            {
              level: "concrete",
              parentId: program.id,
              name: `${program.name.replace("工程", "")}${random.pick(concreteVerbs)}项目${k + 1}`,
              kind: random.chance(0.85) ? "required" : "optional",
              taskForceId: program.taskForce,
              leaderPersonId: random.chance(0.5) ? program.leader : random.pick(leaders),
              leadUnitId: lead,
              cooperatingUnitIds: random.shuffled(unitIds.filter((u) => u !== lead)).slice(0, random.int(0, 2)),
              startsOn: start,
              deadline: deadline < start ? addDays(start, 30) : deadline,
              weight: random.chance(0.3) ? random.int(1, 3) : null,
            },
            true,
          ),
        );
      }
    }

    // The units' list: 45 topics (38 required, 7 optional); 29 units take 44 of them, one each or two.
    const unitTopicIds = leaderTopicIds.slice(10);
    const kinds = random.shuffled([...Array.from({ length: 38 }, () => "required"), ...Array.from({ length: 7 }, () => "optional")]);
    const unitTopics = unitTopicSubjects.map((title, i) => ({ id: unitTopicIds[i]!, title, kind: kinds[i]! }));
    unitTopicSubjects.forEach((subject, i) => {
      topics.push({ ...base, id: unitTopicIds[i]!, campaignId, audience: "unit", kind: kinds[i]!, title: subject, description: `围绕${subject}，结合单位职责创新领题。`, expectedResults: "形成示范点，群众满意度提升。", claimDeadline, status: "closed", parentProjectId: programs[i % 10]!.id, publishedAt: new Date(Date.parse(`${startsOn}T09:00:00+08:00`)) });
    });
    const takers = [zzb, ...random.shuffled(unitIds.filter((u) => u !== zzb)).slice(0, 28)];
    const takenTopics = random.shuffled(unitTopicIds.map((_, i) => i)).slice(0, 44);
    const projectsPerClaim = apportion(75, takenTopics.map(() => random.between(0.5, 1.5)), 1);
    for (const [c, topicIndex] of takenTopics.entries()) {
      const unit = takers[c < 29 ? c : c - 29]!;
      const topic = unitTopics[topicIndex]!;
      const program = programs[topicIndex % 10]!;
      const claimId = claimIds[10 + c]!;
      claims.push({ cityId, id: claimId, campaignId, topicId: topic.id, audience: "unit", unitId: unit, claimedBy: officeUser, summary: `围绕${topic.title}领题。`, plan: { projects: [] }, status: "approved", reviewNote: "同意", reviewedBy: officeUser, reviewedAt, submittedAt, createdAt: submittedAt, updatedAt: reviewedAt });
      for (let k = 0; k < projectsPerClaim[c]!; k++) {
        const start = addDays(startsOn, random.int(15, 45));
        addProject(
          {
            level: "topic",
            parentId: program.id,
            name: `${topic.title}${projectsPerClaim[c]! > 1 ? `（${k + 1}）` : ""}`,
            kind: topic.kind,
            taskForceId: program.taskForce,
            leaderPersonId: program.leader,
            leadUnitId: unit,
            topicId: topic.id,
            claimId,
            startsOn: start,
            deadline: addDays(today, random.int(-50, 150)),
          },
          true,
        );
      }
    }

    // Progress as the service would compute it, so that the demo starts consistent with its own roll-up.
    const computed = computeAll(
      planned.map(({ row }) => ({ id: row.id, parentId: row.parentId ?? null, status: "not_started" as Status, reportedProgress: null, weight: row.weight ?? null })),
      planned.flatMap(({ row, milestones }) => milestones.map((m) => ({ projectId: row.id, stage: m.stage, progress: m.progress, weight: m.weight }))),
    );
    const projectRows = planned.map(({ row, milestones }) => {
      const result = computed.get(row.id)!;
      const doneDays = milestones.filter((m) => m.progress >= 100).map((m) => m.dueOn);
      const completedOn = result.status === "done" ? doneDays.sort().at(-1)! : null;
      const lateFor = isLate({ status: result.status, deadline: row.deadline }, today) ? -Math.round((Date.parse(row.deadline) - Date.parse(today)) / 86_400_000) : 0;
      return {
        ...row,
        status: result.status,
        progress: result.progress,
        currentStage: result.currentStage,
        completedAt: completedOn ? new Date(Date.parse(`${completedOn}T17:00:00+08:00`)) : null,
        lateSince: lateFor > 0 ? addDays(row.deadline, 1) : null,
        escalationLevel: lateFor > ESCALATE_AFTER_DAYS ? 2 : lateFor > 0 ? 1 : 0,
      };
    });
    await insertInBatches(tx, campaignProjects, projectRows.filter((row) => row.level === "program"));
    await insertInBatches(tx, campaignProjects, projectRows.filter((row) => row.level !== "program"));
    await insertInBatches(tx, campaignTopics, topics);
    await insertInBatches(tx, campaignClaims, claims);

    // --- the 108 measures, regrouped into the concrete projects
    const measuresPerItem = apportion(108, itemNames.map(() => random.between(0.6, 1.4)), 3);
    const byId = new Map(projectRows.map((row) => [row.id, row]));
    let measureIndex = 0;
    const measures = itemNames.flatMap((itemName, i) =>
      Array.from({ length: measuresPerItem[i]! }, (_, k) => {
        const project = byId.get(concreteIds[measureIndex++ % concreteIds.length]!)!;
        return {
          ...base,
          campaignId,
          itemId: itemIds[i]!,
          projectId: project.id,
          seq: k + 1,
          name: `${random.pick(measureVerbs)}${itemName}${random.pick(measureObjects)}`,
          kind: random.chance(0.8) ? "required" : "optional",
          leaderPersonId: project.leaderPersonId ?? null,
          leadUnitId: project.leadUnitId ?? null,
          cooperatingUnitIds: project.cooperatingUnitIds ?? [],
          deadline: project.deadline,
        };
      }),
    );
    await insertInBatches(tx, campaignMeasures, measures);

    // --- milestones and the reports behind their progress
    const milestoneRows = planned.flatMap(({ row, milestones }) =>
      milestones.map((m, k) => ({ ...base, projectId: row.id, stage: m.stage, seq: k + 1, name: m.name, dueOn: m.dueOn, weight: m.weight, progress: m.progress, doneAt: m.progress >= 100 ? new Date(Date.parse(`${m.dueOn}T17:00:00+08:00`)) : null })),
    );
    const milestoneIds = await reserveIds(tx, "campaign_milestones", milestoneRows.length);
    await insertInBatches(tx, campaignMilestones, milestoneRows.map((row, i) => ({ ...row, id: milestoneIds[i]! })));
    const reports: PgInsertValue<typeof campaignReports, true>[] = [];
    milestoneRows.forEach((m, i) => {
      if (m.progress === 0) return;
      const project = byId.get(m.projectId)!;
      const at = new Date(Date.parse(`${m.progress >= 100 ? m.dueOn : today}T09:00:00+08:00`) - 86_400_000);
      reports.push({ cityId, projectId: m.projectId, milestoneId: milestoneIds[i]!, unitId: project.leadUnitId ?? null, progress: m.progress, text: `${m.name}：已完成${m.progress}%。`, status: "accepted", reviewNote: "属实", submittedBy: officeUser, submittedAt: at, reviewedBy: officeUser, reviewedAt: at, createdAt: at });
    });
    // Some reports wait for the office, and a few were sent back for more evidence.
    const open = milestoneRows.map((m, i) => ({ m, id: milestoneIds[i]! })).filter(({ m }) => m.progress < 100 && byId.get(m.projectId)!.leadUnitId);
    for (const [k, { m, id }] of random.shuffled(open).slice(0, 18).entries()) {
      const returned = k < 6;
      const at = new Date(now.getTime() - (k + 1) * 3_600_000);
      reports.push({ cityId, projectId: m.projectId, milestoneId: id, unitId: byId.get(m.projectId)!.leadUnitId ?? null, progress: Math.min(100, m.progress + 30), text: `${m.name}推进情况汇报。`, status: returned ? "returned" : "submitted", reviewNote: returned ? "佐证材料不足，请补充现场照片。" : null, submittedBy: officeUser, submittedAt: at, reviewedBy: returned ? officeUser : null, reviewedAt: returned ? at : null, createdAt: at });
    }
    await insertInBatches(tx, campaignReports, reports);

    // The unit account of the demo speaks for its unit (市委组织部).
    const unitAccount = (await tx.select({ id: users.id }).from(users).where(eq(users.username, "unit.zzb")))[0];
    if (unitAccount) await tx.insert(campaignUnitMembers).values({ cityId, userId: unitAccount.id, unitId: zzb, addedBy: officeUser, createdAt: now });

    return { campaignId, projects: projectRows.length };
  });
}

/** Takes `count` ids from the table's identity sequence, in ascending order. */
async function reserveIds(db: Database, table: string, count: number): Promise<number[]> {
  const rows = await db.select({ id: sql<number>`nextval(pg_get_serial_sequence(${table}, 'id'))`.mapWith(Number) }).from(sql`generate_series(1, ${count}::int)`);
  return rows.map((row) => row.id).sort((a, b) => a - b);
}

async function insertInBatches<TTable extends PgTable>(db: Database, table: TTable, rows: PgInsertValue<TTable, true>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) {
    // Rows carrying reserved ids need OVERRIDING SYSTEM VALUE on identity columns; the others take the sequence as usual.
    await db.insert(table).overridingSystemValue().values(rows.slice(start, start + batchSize));
  }
}
