import { readFileSync } from 'node:fs'
import { unzipSync } from 'fflate'
import { expect, it } from 'vitest'
import { useTempCore } from '../../helpers/core'

const temp = useTempCore()
const media = (docx: Buffer) => Object.keys(unzipSync(docx)).filter((name) => name.startsWith('word/media/'))

it('keeps a scaled-down logo in the college profile and shows it on standard documents only', async () => {
  const { tripId } = await temp.ok<{ tripId: string }>('app.loadSample', { language: 'zh' })
  const request = { kind: 'news-brief', tripId, language: 'zh' } as const
  expect(media((await temp.core.reports.build({ ...request, style: 'standard' })).buffer)).toEqual([])

  const png = readFileSync('resources/icon.png')
  const profile = await temp.ok<{ logo: string }>('settings.setLogo', { dataBase64: png.toString('base64') })
  const logo = Buffer.from(profile.logo, 'base64')
  // Scaled from 1024 × 1024 down to fit 480 × 160.
  expect([logo.readUInt32BE(16), logo.readUInt32BE(20)]).toEqual([160, 160])

  expect(media((await temp.core.reports.build({ ...request, style: 'standard' })).buffer)).toHaveLength(1)
  expect(media((await temp.core.reports.build({ ...request, style: 'official' })).buffer)).toEqual([])

  expect(await temp.failure('settings.setLogo', { dataBase64: Buffer.from('not a picture').toString('base64') })).toMatchObject({
    code: 'VALIDATION',
    details: { fieldErrors: [{ path: 'logo', key: 'notAnImage' }] },
  })
  expect((await temp.ok<{ logo: string }>('settings.setLogo', { dataBase64: '' })).logo).toBe('')
})
