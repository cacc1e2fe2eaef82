import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../../shared/errors'
import { FIELD_ERROR_KEYS } from '../../shared/validation'
import { detectLanguage } from '../../renderer/src/i18n'
import { en as baseEn } from '../../renderer/src/i18n/en'
import { resources } from '../../renderer/src/i18n/resources'
import { zhCN as baseZh } from '../../renderer/src/i18n/zh-CN'

const zhCN = resources['zh-CN']
const en = resources.en

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, inner]) => keysOf(inner, prefix ? `${prefix}.${key}` : key))
}

function valueAt(tree: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], tree)
}

describe('translations', () => {
  it('have the same keys in Chinese and English, none empty', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(zhCN).sort())
    for (const key of keysOf(zhCN)) {
      expect(String(valueAt(zhCN, key)).trim(), `zh-CN ${key}`).not.toBe('')
      expect(String(valueAt(en, key)).trim(), `en ${key}`).not.toBe('')
    }
  })

  it('keep the same {{placeholders}} in both languages', () => {
    for (const key of keysOf(zhCN)) {
      const names = (text: unknown) => [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()
      // An English singular may spell the number out ("one text"): only its count may be missing.
      const singular = key.endsWith('_one')
      const expected = names(valueAt(zhCN, key)).filter((name) => !(singular && name === 'count'))
      expect(names(valueAt(en, key)).filter((name) => !(singular && name === 'count')), key).toEqual(expected)
    }
  })

  it('explain every field error the shared schemas can raise', () => {
    for (const key of FIELD_ERROR_KEYS) {
      expect(baseZh.validation[key], key).toBeTruthy()
      expect(baseEn.validation[key], key).toBeTruthy()
    }
  })

  it('explain every error code the core can send', () => {
    for (const code of ERROR_CODES) {
      expect(baseZh.errors[code], code).toBeTruthy()
      expect(baseEn.errors[code], code).toBeTruthy()
    }
  })
})

describe('language choice', () => {
  it('uses the remembered language first', () => {
    expect(detectLanguage('en', ['zh-CN'])).toBe('en')
    expect(detectLanguage('zh-CN', ['en-US'])).toBe('zh-CN')
  })
  it('otherwise follows the system: any Chinese gives Chinese, anything else English', () => {
    expect(detectLanguage(null, ['zh-TW', 'en'])).toBe('zh-CN')
    expect(detectLanguage(null, ['en-GB', 'zh-CN'])).toBe('zh-CN')
    expect(detectLanguage(null, ['de-DE'])).toBe('en')
    expect(detectLanguage('klingon', [])).toBe('en')
  })
})
