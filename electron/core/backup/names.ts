import { BACKUP_EXTENSION } from './manifest'

/** `<dataDir>/backups/`: the automatic backups and the safety copies made before a restore. */
export const BACKUPS_FOLDER = 'backups'
export const AUTO_PREFIX = 'auto-'
export const SAFETY_PREFIX = 'before-restore-'

const pad = (n: number) => String(n).padStart(2, '0')

/** Local time as `2026-11-29-093012`: sorts by time and reads well in a file manager. */
export function backupStamp(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`
}

/** The time a stamp in a file name stands for (local time), or null when the name has none. */
export function parseStamp(name: string): Date | null {
  const match = /(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})(\d{2})?/.exec(name)
  if (!match) return null
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0))
  const date = new Date(year!, month! - 1, day!, hour!, minute!, second!)
  return Number.isNaN(date.getTime()) ? null : date
}

/** The name suggested in the save dialog, in the user's language: `研途备份-2026-11-29-0930.fbbackup`. */
export function suggestedBackupName(language: 'zh' | 'en', date: Date): string {
  const stamp = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}`
  return `${language === 'zh' ? '研途备份' : 'Fieldbook-backup'}-${stamp}${BACKUP_EXTENSION}`
}
