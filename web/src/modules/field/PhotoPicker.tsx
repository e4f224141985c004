import { CameraOutlined, CloseOutlined } from "@ant-design/icons";
import { useRef, useState } from "react";
import { Alert, Button } from "../../components/light";
import { useI18n } from "../../i18n";
import { dataUrlBytes, resizePhoto } from "../../lib/photos";

export const MAX_PHOTOS = 4;
/** The server's limit for all photos of one report together (server/modules/events/photos.ts). */
const MAX_TOTAL_BYTES = 10 * 1024 * 1024;

/** Up to four photos from the camera or the album, resized on the device, each removable. */
export function PhotoPicker({ value = [], onChange, testId = "photos" }: { value?: string[]; onChange?: (photos: string[]) => void; testId?: string }) {
  const i18n = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const add = async (files: FileList | null) => {
    setError(null);
    if (!files || files.length === 0) return;
    const room = MAX_PHOTOS - value.length;
    if (files.length > room) setError(i18n.t("field.photos.max", { max: MAX_PHOTOS }));
    setBusy(true);
    try {
      const resized = await Promise.all([...files].slice(0, room).map((file) => resizePhoto(file)));
      const next = [...value, ...resized];
      if (next.reduce((sum, photo) => sum + dataUrlBytes(photo), 0) > MAX_TOTAL_BYTES) setError(i18n.t("field.photos.tooLarge"));
      else onChange?.(next);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  };
  return (
    <div>
      <input ref={input} type="file" accept="image/*" multiple style={{ display: "none" }} data-testid={testId} onChange={(e) => void add(e.target.files)} />
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}>
        {value.map((photo, index) => (
          <div key={index} style={{ position: "relative" }} data-testid={`${testId}-preview`}>
            <img src={photo} alt={i18n.t("field.photos.alt", { n: index + 1 })} style={{ width: 72, height: 72, objectFit: "cover", borderRadius: 6, display: "block" }} />
            <Button
              size="small"
              shape="circle"
              icon={<CloseOutlined />}
              aria-label={i18n.t("field.photos.remove")}
              style={{ position: "absolute", top: -8, right: -8 }}
              onClick={() => onChange?.(value.filter((_, at) => at !== index))}
            />
          </div>
        ))}
        {value.length < MAX_PHOTOS ? (
          <Button icon={<CameraOutlined />} size="large" loading={busy} onClick={() => input.current?.click()} data-testid={`${testId}-pick`}>
            {i18n.t("field.photos.pick", { count: value.length, max: MAX_PHOTOS })}
          </Button>
        ) : null}
      </div>
      {error ? <Alert type="warning" title={error} style={{ marginTop: 8 }} /> : null}
    </div>
  );
}
