import type { EventDetailData } from "../../api/events";
import { useI18n } from "../../i18n";

const url = (eventId: number, photoId: number, thumb: boolean) => `/api/events/${eventId}/photos/${photoId}${thumb ? "/thumb" : ""}`;

/** The event page's photos in two rows: as reported (before) and as the handler left it (after); thumbnails open the original (in a tab of its own, where a phone can zoom it). */
export function BeforeAfterPhotos({ event }: { event: Pick<EventDetailData, "id" | "photos"> }) {
  const i18n = useI18n();
  const rows = [
    { kind: "report", title: i18n.t("field.track.before") },
    { kind: "feedback", title: i18n.t("field.track.after") },
  ] as const;
  return (
    <>
      {rows.map((row) => {
        const photos = event.photos.filter((photo) => photo.kind === row.kind);
        if (photos.length === 0) return null;
        return (
          <div key={row.kind} style={{ marginTop: 8 }} data-testid={`event-photos-${row.kind}`}>
            <span className="zl-muted">{row.title}</span>
            <div style={{ display: "flex", flexWrap: "wrap", gap: 6, marginTop: 4 }}>
              {photos.map((photo) => (
                <a key={photo.id} href={url(event.id, photo.id, false)} target="_blank" rel="noopener">
                  <img width={96} height={72} style={{ objectFit: "cover", borderRadius: 4, display: "block" }} src={url(event.id, photo.id, photo.thumb)} alt={row.title} />
                </a>
              ))}
            </div>
          </div>
        );
      })}
    </>
  );
}
