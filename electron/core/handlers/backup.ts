import type { backupProcedures } from '../../../shared/procedures/backup'
import type { BackupService } from '../backup/service'
import type { Handlers } from '../dispatcher'

export function backupHandlers(backups: BackupService): Pick<Handlers, keyof typeof backupProcedures> {
  return {
    'backup.create': ({ language }) => backups.create(language),
    'backup.list': () => backups.list(),
    'backup.inspect': ({ name }) => backups.inspect(name),
    'backup.restore': ({ token }) => backups.restore(token),
    'backup.showInFolder': ({ name }) => ({ shown: backups.showInFolder(name) }),
    'backup.getSchedule': () => backups.schedule(),
    'backup.setSchedule': (patch) => backups.setSchedule(patch),
  }
}
