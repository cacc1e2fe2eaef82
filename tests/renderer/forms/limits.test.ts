import { describe, expect, it } from 'vitest'
import { lengthCount, maxLengthOf } from '../../../renderer/src/forms/limits'
import { ActionInput, ActionPatch } from '../../../shared/schemas/action'
import { ContactInput } from '../../../shared/schemas/enterprise'
import { RemarkInput, SymposiumPatch } from '../../../shared/schemas/symposium'
import { TripInput } from '../../../shared/schemas/trip'

describe('length limits come from the schemas', () => {
  it('reads the limit through defaults, refinements, unions, pipes and lists', () => {
    expect(maxLengthOf(ActionInput, 'title')).toBe(500)
    expect(maxLengthOf(ActionPatch, 'owner')).toBe(100)
    expect(maxLengthOf(TripInput, 'title')).toBe(200)
    expect(maxLengthOf(ContactInput, 'email')).toBe(200)
    expect(maxLengthOf(SymposiumPatch, 'topics')).toBe(200)
    expect(maxLengthOf(RemarkInput, 'text')).toBe(20_000)
    expect(maxLengthOf(RemarkInput, 'isQuote')).toBeUndefined()
    expect(maxLengthOf(RemarkInput, 'noSuchField')).toBeUndefined()
  })

  it('gives a counter that shows the limit and never cuts', () => {
    expect(lengthCount(TripInput, 'title')).toEqual({ show: true, max: 200 })
    expect(lengthCount(RemarkInput, 'isQuote')).toEqual({ show: false })
    // A long text's counter shows only near its limit.
    const remark = lengthCount(RemarkInput, 'text')!
    expect(remark.max).toBe(20_000)
    const show = remark.show as (info: { value: string; count: number; maxLength?: number }) => unknown
    expect(show({ value: '', count: 12, maxLength: 20_000 })).toBeNull()
    expect(show({ value: '', count: 19_000, maxLength: 20_000 })).toBe('19000 / 20000')
  })
})
