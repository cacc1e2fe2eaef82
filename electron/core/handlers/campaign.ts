import type { campaignProcedures } from '../../../shared/procedures/campaign'
import type { CoreContext } from '../context'
import type { Handlers } from '../dispatcher'
import { campaignFigures, campaignSettings, updateCampaignSettings } from '../domain/campaign'
import { recordQuickVisit } from '../domain/campaign-quick-visit'
import { linkMembersToStaff } from '../domain/campaign-staff'
import { loadOnFirstUse } from '../load-on-first-use'
import type { ReportHost, ReportService } from '../reports/export'
import { localToday } from '../local-date'


type CampaignHandlers = Pick<Handlers, keyof typeof campaignProcedures>

/** The ledger workbook and the campaign documents (exceljs, docx), loaded with the first campaign export. */
const loadCampaignExport = loadOnFirstUse(() => import('../reports/campaign/export'))

export function campaignHandlers(context: CoreContext, reports: ReportService, host: ReportHost | undefined): CampaignHandlers {
  const staff = context.records.staff
  const handlers = {
    'staff.list': () => staff.list(),
    'staff.get': ({ id }: { id: string }) => staff.get(id),
    'staff.create': (input: unknown) => staff.create(input),
    'staff.update': ({ id, patch }: { id: string; patch: unknown }) => staff.update(id, patch),
    'staff.delete': ({ id }: { id: string }) => staff.delete(id),
    'staff.restore': ({ id }: { id: string }) => staff.restore(id),
    'staff.linkMembers': () => ({ linked: context.store.db.transaction(() => linkMembersToStaff(context.store))() }),
    'campaign.settings': ({ today }: { today: string }) => campaignSettings(context.store, today),
    'campaign.updateSettings': (settings: never) => updateCampaignSettings(context.store, settings),
    'campaign.figures': (input: never) => campaignFigures(context.store, input),
    'campaign.quickVisit': (input: unknown) => recordQuickVisit(context.store, context.records, input, localToday()),
    'campaign.export': async (request: never) => (await loadCampaignExport()).exportCampaign(context, reports.profile(), host, request),
  }
  // The procedures' schemas checked every input; each service returns the record of its schema.
  return handlers as unknown as CampaignHandlers
}
