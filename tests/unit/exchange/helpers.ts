import { afterEach, beforeEach } from 'vitest'
import { openCore, type Core } from '../../../electron/core/core'
import { ExchangeService } from '../../../electron/core/exchange/service'
import { SYNCED_TABLES } from '../../../electron/core/store/tables'
import { tempDir } from '../../helpers/temp'

/** The exchange service of a core, as the CLI uses it (paths, no dialogs). */
export function exchangeOf(core: Core): ExchangeService {
  return new ExchangeService({ dataDir: core.dataDir, store: core.store, records: core.records }, undefined, 'test')
}

/** Every synced table's rows (without the per-field clocks, which differ by nature), sorted by id. */
export function tableRows(core: Core, table: keyof typeof SYNCED_TABLES, where = ''): Record<string, unknown>[] {
  const columns = ['id', ...Object.keys(SYNCED_TABLES[table])].map((c) => `"${c}"`).join(', ')
  return core.store.db.prepare(`SELECT ${columns} FROM "${table}" ${where} ORDER BY id`).all() as Record<string, unknown>[]
}

export function changeLogSize(core: Core): number {
  return (core.store.db.prepare('SELECT COUNT(*) AS n FROM change_log').get() as { n: number }).n
}

export function rowCounts(core: Core): Record<string, number> {
  return Object.fromEntries(
    Object.keys(SYNCED_TABLES).map((table) => [table, (core.store.db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n]),
  )
}

/** Cores on folders of their own for each test of a suite (`open()` makes one), closed and removed after it. */
export function useCores(): () => Core {
  let dirs: ReturnType<typeof tempDir>[] = []
  let cores: Core[] = []
  beforeEach(() => {
    dirs = []
    cores = []
  })
  afterEach(() => {
    cores.forEach((c) => c.close())
    dirs.forEach((d) => d.cleanup())
  })
  return () => {
    const dir = tempDir()
    dirs.push(dir)
    const core = openCore({ dataDir: dir.path })
    cores.push(core)
    return core
  }
}
