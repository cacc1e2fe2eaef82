import type { reportProcedures } from '../../../shared/procedures/reports'
import type { Handlers } from '../dispatcher'
import type { ReportService } from '../reports/export'

export function reportHandlers(reports: ReportService): Pick<Handlers, keyof typeof reportProcedures> {
  return {
    'report.export': (request) => reports.export(request),
    'report.history': () => reports.history(),
    'report.showInFolder': ({ id }) => ({ shown: reports.showInFolder(id) }),
    'settings.getProfile': () => reports.profile(),
    'settings.updateProfile': (patch) => reports.updateProfile(patch),
    'settings.setLogo': ({ dataBase64 }) => reports.setLogo(dataBase64),
  }
}
