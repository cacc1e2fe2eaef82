import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TRIP_FILE_VERSION, tripExchangeJsonSchema, tripExchangeJsonSchemaText } from '../../../shared/exchange/format'

describe('the JSON Schema of the trip exchange format', () => {
  it('is committed as generated: run `npx tsx scripts/make-json-schema.ts` after changing a schema', () => {
    const committed = readFileSync(join(import.meta.dirname, '../../../docs/trip-exchange.schema.json'), 'utf8')
    expect(committed).toBe(tripExchangeJsonSchemaText())
  })

  it('describes every section with its record fields and pins the format and version', () => {
    const schema = tripExchangeJsonSchema() as { properties: Record<string, { const?: unknown; items?: { required?: string[] } }>; required: string[] }
    expect(schema.properties['format']!.const).toBe('fieldbook-trip')
    expect(schema.properties['formatVersion']!.const).toBe(TRIP_FILE_VERSION)
    expect(schema.required).toEqual(expect.arrayContaining(['trip', 'enterprises', 'visits', 'positions', 'attachments']))
    expect(schema.properties['positions']!.items!.required).toEqual(expect.arrayContaining(['id', 'surveyId', 'title', 'headcount', 'kind', 'deleted']))
    // The documentation names every section.
    const doc = readFileSync(join(import.meta.dirname, '../../../docs/trip-exchange.md'), 'utf8')
    for (const section of Object.keys(schema.properties)) expect(doc, section).toContain(`\`${section}\``)
  })
})
