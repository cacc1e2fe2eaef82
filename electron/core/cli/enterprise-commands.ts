import type { EnterpriseMergeResult } from '../../../shared/procedures/enterprise-identity'
import type { Command } from './command'
import { call, resolveRecord } from './lookup'

/** `merge-enterprises --keep A --merge B`: the same merge as the enterprise screen's, for a secretariat's clean-up. */
export const ENTERPRISE_COMMANDS: Command[] = [
  {
    name: 'merge-enterprises',
    summary: 'Merge a second file of the same enterprise into another: its records move, it goes to the trash',
    usage: 'merge-enterprises --keep ENTERPRISE --merge ENTERPRISE',
    options: {
      keep: { type: 'string', description: 'The file that stays, by id or name' },
      merge: { type: 'string', description: 'The file merged into it and then trashed, by id or name' },
    },
    run: async (core, values) => {
      const keep = resolveRecord(core, 'enterprise', values['keep'])
      const merge = resolveRecord(core, 'enterprise', values['merge'])
      const result = await call<EnterpriseMergeResult>(core, 'enterprise.merge', { keepId: keep.id, mergeId: merge.id })
      return { merge: { ...result, keptName: keep.name, mergedName: merge.name } }
    },
    format: ({ merge }) => {
      const { keptName, mergedName, moved, filledFields } = merge as EnterpriseMergeResult & { keptName: string; mergedName: string }
      const lines = [`Merged "${mergedName}" into "${keptName}"; "${mergedName}" is in the trash.`]
      for (const [table, count] of Object.entries(moved)) lines.push(`  ${table.padEnd(12)} ${count} moved`)
      if (filledFields.length > 0) lines.push(`  filled from it: ${filledFields.join(', ')}`)
      return lines.join('\n')
    },
  },
]
