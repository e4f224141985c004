import { Tag } from "antd";

const gradeColors: Record<string, string> = { A: "green", B: "blue", C: "gold", D: "orange", E: "red" };

/** A grade A–E as a coloured tag, or a dash where the body was not scored. */
export function GradeTag({ grade }: { grade: string | null }) {
  return grade ? <Tag color={gradeColors[grade]}>{grade}</Tag> : <span>—</span>;
}

export function scorecardPath(periodId: number, kind: string, bodyId: number): string {
  return `/evaluation/scorecard?period=${periodId}&kind=${kind}&body=${bodyId}`;
}
