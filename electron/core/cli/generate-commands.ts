import { AppError } from '../../../shared/errors'
import { SYNCED_TABLE_FIELDS } from '../store/tables'
import { DEFAULT_SEED, generateSample, SAMPLE_SIZE_NAMES, SAMPLE_SIZES, type GenerateSummary, type SampleSize } from '../sample/generator'
import type { Command } from './command'
import { usage } from './usage-error'

/** Peak resident memory of this process so far, in MB (the kernel's high-water mark). */
function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024)
}

/** `generate --size S|M|L [--seed N]`: fills an empty data folder with the seeded data set (for benchmarks and demos). */
export const GENERATE_COMMANDS: Command[] = [
  {
    name: 'generate',
    summary: `Fill an empty data folder with generated trips, enterprises, minutes, surveys, follow-ups and photos (L: ${SAMPLE_SIZES.L.enterprises.toLocaleString('en')} enterprises, ${SAMPLE_SIZES.L.remarks.toLocaleString('en')} remarks)`,
    usage: 'generate --size S|M|L [--seed N]',
    options: {
      size: { type: 'string', description: 'S, M or L (L is the benchmark size; M a tenth, S a hundredth)' },
      seed: { type: 'string', description: `Whole number; the same seed gives the same data (default ${DEFAULT_SEED})` },
    },
    run: async (core, values) => {
      const size = String(values['size'] ?? '').toUpperCase()
      if (!(SAMPLE_SIZE_NAMES as readonly string[]).includes(size)) {
        throw usage('Choose the size with --size S, M or L')
      }
      const seedText = values['seed'] === undefined ? String(DEFAULT_SEED) : String(values['seed'])
      if (!/^\d{1,10}$/.test(seedText) || Number(seedText) > 0xffff_ffff) {
        throw usage('The seed must be a whole number from 0 to 4294967295')
      }
      // Generated records mixed into someone's real data could not be told apart: only an empty folder is filled.
      for (const table of Object.keys(SYNCED_TABLE_FIELDS)) {
        if (core.store.db.prepare(`SELECT 1 FROM "${table}" LIMIT 1`).get()) {
          throw new AppError('VALIDATION', `The data folder ${core.dataDir} already holds records; generate into an empty one (--data-dir)`)
        }
      }
      const summary: GenerateSummary = await generateSample(core.store, { size: size as SampleSize, seed: Number(seedText), dataDir: core.dataDir })
      return { generated: { ...summary, dataDir: core.dataDir, peakRssMb: peakRssMb() } }
    },
    format: ({ generated }) => {
      const g = generated as GenerateSummary & { dataDir: string; peakRssMb: number }
      const counts = Object.entries(g.counts)
        .map(([table, n]) => `  ${table.padEnd(14)} ${n.toLocaleString('en').padStart(8)}`)
        .join('\n')
      return `Generated size ${g.size} (seed ${g.seed}) in ${g.dataDir}: ${g.changes.toLocaleString('en')} field changes, ${g.distinctPhotos} distinct photos, ${(g.ms / 1000).toFixed(1)} s, peak RSS ${g.peakRssMb} MB\n${counts}`
    },
  },
]
