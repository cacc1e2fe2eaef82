import { benchZip64Backup } from './backup-zip64'
import { printAndSave } from './table'

/** The ZIP64 backup measure on its own: `npx tsx tests/bench/zip64-only.ts`. */
const started = performance.now()
await benchZip64Backup()
printAndSave({ command: 'npx tsx tests/bench/zip64-only.ts', totalSeconds: (performance.now() - started) / 1000, path: '.cache/bench-zip64.md' })
