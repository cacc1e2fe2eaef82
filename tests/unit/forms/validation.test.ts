import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ActionPatch } from '../../../shared/schemas/action'
import { ContactInput } from '../../../shared/schemas/enterprise'
import { SymposiumInput } from '../../../shared/schemas/symposium'
import { toFieldErrors } from '../../../shared/validation'

describe('field errors', () => {
  it('names an unchosen enterprise and an empty date as missing, a bad value by what is wrong with it', () => {
    const input = { tripId: '8b1d1f43-8d43-4f6e-9a43-7d5b0a1b2c3d', enterpriseId: '', date: '' }
    const result = SymposiumInput.safeParse(input)
    expect(result.success).toBe(false)
    // Every error at once, each on its field.
    expect(toFieldErrors(result.error!, input)).toEqual([
      { path: 'enterpriseId', key: 'required' },
      { path: 'date', key: 'required' },
    ])
    // Without the input the id format is all zod reports.
    expect(toFieldErrors(result.error!)[0]).toEqual({ path: 'enterpriseId', key: 'invalidFormat' })

    const contact = { enterpriseId: '8b1d1f43-8d43-4f6e-9a43-7d5b0a1b2c3d', name: '曾健', email: 'not-an-address' }
    const checked = ContactInput.safeParse(contact)
    expect(toFieldErrors(checked.error!, contact)).toEqual([{ path: 'email', key: 'invalidFormat' }])
  })

  it('reports a too long text as too long, with the limit', () => {
    const input = { title: 'x'.repeat(501) }
    const result = ActionPatch.safeParse(input)
    expect(toFieldErrors(result.error!, input)).toEqual([{ path: 'title', key: 'tooLong', params: { max: 500 } }])
  })

  it('keeps a refinement’s own key when its field is empty', () => {
    const schema = z.object({ scope: z.string() }).refine(() => false, { path: ['scope'], params: { key: 'scopeRequired' } })
    const input = { scope: '' }
    expect(toFieldErrors(schema.safeParse(input).error!, input)).toEqual([{ path: 'scope', key: 'scopeRequired' }])
  })
})
