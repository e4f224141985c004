import { describe, expect, it } from "vitest";
import { inLanguage } from "./bilingual";

describe("a note the server wrote in both languages", () => {
  const automatic = "自动派遣：该类型只对应一个部门职能 (dispatched automatically: one function covers this type)";
  const escalated = "超时，已上报乡镇（街道） (overdue: raised to the township or street)";

  it("shows only the UI's language on the timeline", () => {
    expect(inLanguage("zh", automatic)).toBe("自动派遣：该类型只对应一个部门职能");
    expect(inLanguage("en", automatic)).toBe("dispatched automatically: one function covers this type");
    expect(inLanguage("zh", escalated)).toBe("超时，已上报乡镇（街道）");
    expect(inLanguage("en", escalated)).toBe("overdue: raised to the township or street");
  });

  it("leaves a note a person typed as typed, brackets and all", () => {
    for (const note of ["已清理 (现场)", "摊位已撤除", "see photo (2)", "现场处理完毕 (附照片 3 张)"]) {
      expect(inLanguage("en", note)).toBe(note);
      expect(inLanguage("zh", note)).toBe(note);
    }
  });
});
