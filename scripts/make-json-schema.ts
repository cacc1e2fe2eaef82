// Writes docs/trip-exchange.schema.json from the zod schemas of the trip exchange format.
// Run after changing shared/schemas or shared/exchange/format.ts: `npx tsx scripts/make-json-schema.ts`.
// tests/unit/exchange/json-schema.test.ts fails while the committed file differs from a fresh generation.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tripExchangeJsonSchemaText } from '../shared/exchange/format'

const target = join(import.meta.dirname, '..', 'docs', 'trip-exchange.schema.json')
writeFileSync(target, tripExchangeJsonSchemaText())
console.log(`Wrote ${target}`)
