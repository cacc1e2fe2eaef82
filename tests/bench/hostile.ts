import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { openCore } from '../../electron/core/core'
import { ExchangeService } from '../../electron/core/exchange/service'
import { TRIP_JSON_ENTRY } from '../../shared/exchange/format'
import { tempDir } from '../helpers/temp'
import { writeCraftedZip } from '../helpers/crafted-zip'
import { addRow, formatMs, timeAsync } from './table'

const MB = 1024 * 1024

/** A trip file of `count` notes, with the note ids rewritten to UUIDv4 when asked (another program's file). */
async function tripFileWithNotes(folder: string, count: number, v4: boolean): Promise<string> {
  const dir = tempDir('fieldbook-bench-notes-')
  const core = openCore({ dataDir: dir.path })
  try {
    const trip = core.records.trip.create({ title: '两万条笔记', startDate: '2025-05-01', endDate: '2025-05-30' })
    core.store.db.transaction(() => {
      for (let i = 0; i < count; i++) core.records.note.create({ tripId: trip.id, kind: 'note', text: `第${i}条笔记：设备维护人员缺口较大，希望学校开设相关课程。` })
    })()
    const file = join(folder, `notes-${v4 ? 'v4' : 'v7'}.fbtrip`)
    await new ExchangeService({ dataDir: core.dataDir, store: core.store, records: core.records }, undefined, 'bench').exportTripTo(trip.id, file)
    if (v4) {
      const entries = unzipSync(readFileSync(file))
      const content = JSON.parse(strFromU8(entries[TRIP_JSON_ENTRY]!)) as { notes: { id: string }[] }
      for (const note of content.notes) note.id = randomUUID()
      entries[TRIP_JSON_ENTRY] = strToU8(JSON.stringify(content))
      writeFileSync(file, zipSync(entries))
    }
    return file
  } finally {
    core.close()
    dir.cleanup()
  }
}

async function importTime(file: string): Promise<number> {
  const dir = tempDir('fieldbook-bench-import-')
  const core = openCore({ dataDir: dir.path })
  try {
    const service = new ExchangeService({ dataDir: core.dataDir, store: core.store, records: core.records }, undefined, 'bench')
    return (await timeAsync(() => service.importTripFrom(file))).ms
  } finally {
    core.close()
    dir.cleanup()
  }
}

/** Runs one refusal in a fresh process (`hostile-probe.ts`) and returns its peak memory in MB and its error code. */
function probe(kind: 'trip' | 'backup', file: string): { peakMb: number; code: string; reason: string } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'hostile-probe.ts'), kind, file], { encoding: 'utf8' })
  return JSON.parse(out.trim().split('\n').at(-1)!) as { peakMb: number; code: string; reason: string }
}

/**
 * Hostile files: the import time of a trip file of 20,000 notes whose ids are UUIDv4 (beside the same with v7
 * ids), and the peak memory of refusing a 1.1 GB trip.json in a small file and a backup zip bomb (each in a
 * fresh process, beside the process's memory before the refusal).
 */
export async function benchHostile(): Promise<void> {
  const folder = tempDir('fieldbook-bench-hostile-')
  try {
    const v7 = await tripFileWithNotes(folder.path, 20_000, false)
    const v4 = await tripFileWithNotes(folder.path, 20_000, true)
    const v7ms = await importTime(v7)
    const v4ms = await importTime(v4)
    addRow({ name: 'trip file of 20,000 notes with UUIDv4 ids, import', value: formatMs(v4ms), baseline: `${formatMs(v7ms)} (UUIDv7 ids)`, ratio: `${(v4ms / v7ms).toFixed(2)}×`, goal: '≤ 1.5× the v7 import' })

    const bomb = join(folder.path, 'bomb.fbtrip')
    writeCraftedZip(bomb, [{ name: TRIP_JSON_ENTRY, repeat: { head: strToU8('{"format":"fieldbook-trip","pad":"'), chunk: strToU8('          '), size: 1100 * MB } }])
    const trip = probe('trip', bomb)
    addRow({ name: '1.1 GB trip.json in a small .fbtrip, refused', value: `${trip.peakMb} MB peak (${trip.code} ${trip.reason})`, baseline: `${probe('trip', '').peakMb} MB (the process alone)`, ratio: '', goal: '< 300 MB' })

    const backup = join(folder.path, 'bomb.fbbackup')
    const size = 4000 * MB
    const manifest = { format: 'fieldbook-backup', formatVersion: 1, appVersion: '0', schemaVersion: 1, createdAt: new Date().toISOString(), nodeId: '', files: [{ path: 'fieldbook.db', size, sha256: '0'.repeat(64) }] }
    writeCraftedZip(backup, [
      { name: 'manifest.json', data: strToU8(JSON.stringify(manifest)) },
      { name: 'fieldbook.db', repeat: { chunk: new Uint8Array(4096), size } },
    ])
    const restored = probe('backup', backup)
    addRow({ name: 'backup zip bomb (4 GB of zeros), restore refused', value: `${restored.peakMb} MB peak (${restored.code} ${restored.reason})`, baseline: `${probe('backup', '').peakMb} MB (the process alone)`, ratio: '', goal: '< 300 MB, nothing written' })
  } finally {
    folder.cleanup()
  }
}
