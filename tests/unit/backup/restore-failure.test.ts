import { existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { restoreDataDir, restoreIntoStore } from '../../../electron/core/backup/restore'
import { BackupService } from '../../../electron/core/backup/service'
import type { Core } from '../../../electron/core/core'
import { AppError } from '../../../shared/errors'
import { dispatchOk } from '../../helpers/core'
import { dumpTables, fixture, folderHashes, useWorkspaces } from './helpers'

const workspaces = useWorkspaces('fieldbook-restore-fail-')
const folder = () => workspaces.folder()

const open = (dataDir: string): Core => workspaces.open(dataDir)

/** A rename that fails, like Windows when a photo is open in a viewer, for the moves `fails` picks. */
function failingRename(fails: (from: string, to: string) => boolean): (from: string, to: string) => void {
  return (from, to) => {
    if (fails(from, to)) throw Object.assign(new Error(`EBUSY: resource busy or locked, rename '${from}' -> '${to}'`), { code: 'EBUSY' })
    renameSync(from, to)
  }
}

/** A data folder with a trip and a photo, its backup, and then changes (another photo, another trip) since. */
async function dataWithBackup(): Promise<{ dataDir: string; core: Core; file: string }> {
  const dataDir = folder()
  const core = open(dataDir)
  const trip = await dispatchOk(core, 'trip.create', { title: '皖苏访企拓岗', startDate: '2025-05-16', endDate: '2025-05-19' })
  await dispatchOk(core, 'attachment.add', { ownerKind: 'trip', ownerId: trip.id, fileName: 'line.jpg', dataBase64: fixture('bottling-line.jpg').toString('base64') })
  const file = join(folder(), 'b.fbbackup')
  await new BackupService(core, { appVersion: '1.2.3' }).backupTo(file)
  await dispatchOk(core, 'trip.create', { title: '备份之后', startDate: '2025-06-01', endDate: '2025-06-02' })
  await dispatchOk(core, 'attachment.add', { ownerKind: 'trip', ownerId: trip.id, fileName: 's.png', dataBase64: fixture('screenshot.png').toString('base64') })
  return { dataDir, core, file }
}

/** A staged file or folder (not the current ones moved aside) moving into the data folder as `name`. */
const movingIn = (dataDir: string, name: string) => (from: string, to: string) =>
  to === join(dataDir, name) && basename(from) === name && basename(dirname(from)).startsWith('.restore-')

/** The photos among hashed files (thumbnails are a cache). */
const photos = (files: Record<string, string>) => Object.keys(files).filter((f) => f.startsWith('attachments') && !f.includes('thumbs'))

/** Everything but the safety copies, which a restore writes first on purpose. */
const dataFiles = (dataDir: string) => folderHashes(dataDir, (relative) => relative.startsWith('backups'))

async function restoreError(run: Promise<unknown>): Promise<AppError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describe('a restore that cannot finish leaves the data as it was', () => {
  it('in the app: a locked attachments folder puts everything back, says where the safety copy is, and a retry works', async () => {
    const { dataDir, core, file } = await dataWithBackup()
    core.store.db.pragma('wal_checkpoint(TRUNCATE)')
    const files = dataFiles(dataDir)
    const tables = dumpTables(core.store.db)
    expect(photos(files)).toHaveLength(2)

    // The current attachments move out, then the restored ones cannot move in.
    const error = await restoreError(
      restoreIntoStore(core.store, dataDir, file, { appVersion: '1.2.3', rename: failingRename(movingIn(dataDir, 'attachments')) }),
    )
    expect(error.code).toBe('RESTORE_FAILED')
    expect(error.message).toContain('EBUSY')
    expect(error.message).toContain('the data is as it was before')
    const safetyCopy = error.details?.['safetyCopy'] as string
    expect(safetyCopy).toMatch(/backups[/\\]before-restore-.*\.fbbackup$/)
    expect(error.message).toContain(safetyCopy)
    expect(existsSync(safetyCopy)).toBe(true)
    expect(dataFiles(dataDir)).toEqual(files)
    expect(dumpTables(core.store.db)).toEqual(tables)
    expect(readdirSync(dataDir).filter((n) => n.startsWith('.restore-'))).toEqual([])

    // Once the viewer is closed the same restore goes through.
    await restoreIntoStore(core.store, dataDir, file, { appVersion: '1.2.3' })
    expect((await dispatchOk<{ title: string }[]>(core, 'trip.list', {})).map((t) => t.title)).toEqual(['皖苏访企拓岗'])
    expect(photos(dataFiles(dataDir))).toHaveLength(1)
  })

  it('in the app: the attachments folder that cannot even be moved aside changes nothing', async () => {
    const { dataDir, core, file } = await dataWithBackup()
    core.store.db.pragma('wal_checkpoint(TRUNCATE)')
    const files = dataFiles(dataDir)
    const error = await restoreError(
      restoreIntoStore(core.store, dataDir, file, { appVersion: '1.2.3', rename: failingRename((_from, to) => to.endsWith('previous-attachments')) }),
    )
    expect(error.code).toBe('RESTORE_FAILED')
    expect(dataFiles(dataDir)).toEqual(files)
    expect(await dispatchOk<unknown[]>(core, 'trip.list', {})).toHaveLength(2)
  })

  for (const [step, name] of [
    ['the restored attachments cannot move in', 'attachments'],
    ['the restored database cannot move in', 'fieldbook.db'],
  ] as const) {
    it(`in a closed folder (the command line): ${step}, so every file is put back byte for byte`, async () => {
      const { dataDir, core, file } = await dataWithBackup()
      workspaces.close(core)
      const files = dataFiles(dataDir)
      expect(Object.keys(files)).toContain('fieldbook.db')

      const error = await restoreError(restoreDataDir(dataDir, file, { appVersion: '1.2.3', rename: failingRename(movingIn(dataDir, name)) }))
      expect(error.code).toBe('RESTORE_FAILED')
      expect(error.message).toContain('the data is as it was before')
      expect(existsSync(error.details?.['safetyCopy'] as string)).toBe(true)
      expect(dataFiles(dataDir)).toEqual(files)
      expect(readdirSync(dataDir).filter((n) => n.startsWith('.restore-'))).toEqual([])

      const reopened = open(dataDir)
      expect(await dispatchOk<unknown[]>(reopened, 'trip.list', {})).toHaveLength(2)
      workspaces.close(reopened)
      await restoreDataDir(dataDir, file, { appVersion: '1.2.3' })
      expect(await dispatchOk<unknown[]>(open(dataDir), 'trip.list', {})).toHaveLength(1)
    })
  }

  it('when even putting back fails, says where the current files are and leaves them there', async () => {
    const { dataDir, core, file } = await dataWithBackup()
    workspaces.close(core)
    const photosBefore = photos(dataFiles(dataDir)).map((f) => f.slice('attachments/'.length))
    // Nothing can take the attachments folder's place, not even the folder that was there.
    const error = await restoreError(restoreDataDir(dataDir, file, { appVersion: '1.2.3', rename: failingRename((_from, to) => to === join(dataDir, 'attachments')) }))
    expect(error.code).toBe('RESTORE_FAILED')
    expect(error.message).toContain('could not be put back')
    const stranded = error.details?.['stranded'] as string[]
    expect(stranded).toHaveLength(1)
    expect(error.message).toContain(stranded[0])
    expect(Object.keys(folderHashes(stranded[0]!)).filter((f) => !f.startsWith('thumbs'))).toEqual(photosBefore)
  })

  it('in a closed folder with a database nobody can read: a failure moves the files back out of the aside folder', async () => {
    const { dataDir, core, file } = await dataWithBackup()
    workspaces.close(core)
    writeFileSync(join(dataDir, 'fieldbook.db'), 'not a database at all')
    const files = dataFiles(dataDir)
    const error = await restoreError(
      restoreDataDir(dataDir, file, { appVersion: '1.2.3', rename: failingRename(movingIn(dataDir, 'fieldbook.db')) }),
    )
    expect(error.code).toBe('RESTORE_FAILED')
    expect(dataFiles(dataDir)).toEqual(files)
    expect(folderHashes(join(dataDir, 'backups'))).toEqual({})

    // Without the failure the damaged files are kept aside as they were.
    const outcome = await restoreDataDir(dataDir, file, { appVersion: '1.2.3' })
    expect(folderHashes(outcome.safetyCopy)['fieldbook.db']).toBe(files['fieldbook.db'])
    expect(photos(folderHashes(outcome.safetyCopy))).toHaveLength(2)
  })
})
