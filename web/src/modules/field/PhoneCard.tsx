import { Card } from "antd";
import type { ReactNode } from "react";

/**
 * One record of a list on a phone, within 360 px: its title (a link) with the status and light on the
 * first line, what it is about under it, and where and when (the deadline) at the foot. Nothing wider
 * than the card: long text is cut with an ellipsis rather than pushing the page sideways.
 */
export function PhoneCard({ title, tags, body, place, when, testId, recordId }: { title: ReactNode; tags?: ReactNode; body?: ReactNode; place?: ReactNode; when?: ReactNode; testId: string; recordId: number }) {
  const line = { minWidth: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" } as const;
  return (
    <Card size="small" style={{ width: "100%", minWidth: 0 }} data-testid={testId} data-record-id={recordId}>
      <div style={{ display: "flex", justifyContent: "space-between", gap: 8, alignItems: "center" }}>
        <div style={{ ...line, fontWeight: 600 }}>{title}</div>
        {tags ? <div style={{ display: "flex", flexShrink: 0, gap: 2 }}>{tags}</div> : null}
      </div>
      {body ? <div style={{ ...line, marginTop: 4, color: "#595959" }}>{body}</div> : null}
      {place || when ? (
        <div style={{ display: "flex", justifyContent: "space-between", gap: 8, fontSize: 12, color: "#8c8c8c", marginTop: 4 }}>
          <span style={line}>{place}</span>
          <span style={{ whiteSpace: "nowrap" }} data-testid={`${testId}-when`}>
            {when}
          </span>
        </div>
      ) : null}
    </Card>
  );
}
