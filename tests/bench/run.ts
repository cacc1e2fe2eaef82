import { rmSync } from 'node:fs'
import { benchExport } from './export'
import { benchWritePathWithIndex } from './profile-write'
import { benchRenderer } from './renderer'
import { benchScale, generateL } from './scale'
import { benchServerLoad } from './server-load'
import { benchSync } from './sync'
import { addNote, printAndSave } from './table'
import { benchWritePath } from './write-path'
import { benchNotes } from './notes'
import { benchHostile } from './hostile'
import { benchStartup } from './startup'
import { benchCampaign } from './campaign'
import { benchZip64Backup } from './backup-zip64'

/**
 * `npm run bench`: each figure beside a baseline measured in the same run on the same machine, printed as one
 * table and written to docs/benchmarks.md. Each step is one awaited call; add new ones to the list. The L data
 * set is generated once (through the CLI) and shared by every measure at scale.
 */
const started = performance.now()
benchWritePath(20_000)
benchWritePathWithIndex(20_000)
const large = generateL()
try {
  await benchScale(large)
  await benchRenderer(large)
  await benchStartup(large)
  await benchCampaign(large)
} finally {
  rmSync(large.dataDir, { recursive: true, force: true })
}
await benchExport()
await benchSync()
await benchServerLoad()
await benchHostile()
await benchZip64Backup()
for (const note of benchNotes()) addNote(note)
printAndSave({ command: 'npm run bench', totalSeconds: (performance.now() - started) / 1000 })
