import { peopleApi, type PersonData, type PersonParams } from "../../api/people";
import type { CsvExportJob } from "../../components/useCsvExport";
import type { I18n } from "../../i18n";
import { collectPages } from "../../lib/csv";

/** The people of the current filters, every page (up to the cap), as the table shows them: masked. */
export function peopleExportJob(i18n: I18n, params: PersonParams): CsvExportJob<PersonData> {
  return {
    fileBase: i18n.t("people.exportName"),
    header: [
      i18n.t("people.name"),
      i18n.t("people.gender"),
      i18n.t("people.node"),
      i18n.t("people.phone"),
      i18n.t("people.idNumber"),
      i18n.t("people.address"),
      i18n.t("people.filter.partyMember"),
      i18n.t("people.posts"),
    ],
    row: (p) => [
      p.name,
      i18n.t(`people.gender.${p.gender}`),
      p.nodeName,
      p.phone,
      p.idNumber,
      p.address,
      p.isPartyMember ? i18n.t("people.partyMember") : i18n.t("people.nonPartyMember"),
      p.posts.map((post) => post.title).join("、"),
    ],
    collect: (onProgress) =>
      collectPages((page, pageSize, signal) => peopleApi.list({ ...params, page, pageSize }, signal), { pageSize: 200, onProgress }),
  };
}
