import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { sha256 } from '../../electron/core/attachments/blob-store'
import type { Core } from '../../electron/core/core'
import { visible } from './harness'
import { useBrowser, call } from './ui'

const FIXTURES = join(import.meta.dirname, '../fixtures/attachments')
const fixture = (name: string) => readFileSync(join(FIXTURES, name))

const web = useBrowser()

interface StoredAttachment {
  id: string
  hash: string
  file_name: string
  caption: string
  mime: string
  width: number
  height: number
  deleted: number
}
const stored = (core: Core) =>
  core.store.db.prepare('SELECT id, hash, file_name, caption, mime, width, height, deleted FROM attachments ORDER BY id').all() as StoredAttachment[]

/**
 * Hands the page a File made of the given bytes and fires a paste (at the focused element) or a drop (on the
 * panel) carrying it, as the OS would; `text` adds plain text beside the file, as Word does. Returns whether
 * the page took the event (called preventDefault).
 */
async function deliver(page: Page, how: 'paste' | 'drop', file: { name: string; type: string; bytes: Buffer; text?: string }): Promise<boolean> {
  return page.evaluate(
    ({ how, name, type, base64, text }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
      const transfer = new DataTransfer()
      transfer.items.add(new File([data], name, { type }))
      if (text) transfer.setData('text/plain', text)
      if (how === 'paste') {
        const target = document.activeElement ?? document.body
        return !target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }))
      }
      const panel = document.querySelector('[data-testid="attachment-panel"]')!
      let taken = false
      for (const kind of ['dragenter', 'dragover', 'drop']) {
        taken = !panel.dispatchEvent(new DragEvent(kind, { dataTransfer: transfer, bubbles: true, cancelable: true }))
      }
      return taken
    },
    { how, name: file.name, type: file.type, base64: file.bytes.toString('base64'), text: file.text },
  )
}

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    text: {
      empty: '还没有照片或附件',
      caption: '灌装生产线全景',
      unsupported: '不支持这种文件',
      tooLarge: '文件太大，不能超过 30 MB',
      notAdded: '有 2 个文件没有添加',
      delete: '删除',
      undo: '撤销',
      added: '已添加 1 个文件',
      viewLarge: '查看大图：灌装生产线全景',
    },
  },
  {
    locale: 'en-US' as const,
    text: {
      empty: 'No photos or files yet',
      caption: 'Bottling line, overview',
      unsupported: 'not a supported kind of file',
      tooLarge: 'too large: at most 30 MB',
      notAdded: '2 files were not added',
      delete: 'Delete',
      undo: 'Undo',
      added: 'Added 1 file',
      viewLarge: 'View large: Bottling line, overview',
    },
  },
]

describe.each(LANGUAGES)('photos and files in $locale', ({ locale, text }) => {
  it('adds by picker, paste and drop; captions; refuses bad files; deletes with undo', async () => {
    const app = await web.open({ locale })
    const { page, core } = app
    try {
      const trip = await call(core, 'trip.create', { title: '皖苏访企拓岗', startDate: '2025-05-16', endDate: '2025-05-19' })
      const enterprise = await call(core, 'enterprise.create', { name: '石台县七彩灵慧智能科技有限公司' })
      const visit = await call(core, 'visit.create', { tripId: trip.id, enterpriseId: enterprise.id, date: '2025-05-16', title: '参观灌装生产线' })
      await page.goto(`${web.url}#/visits/${visit.id}`)
      const panel = page.getByTestId('attachment-panel')
      await visible(panel.getByText(text.empty))
      await panel.scrollIntoViewIfNeeded()
      await app.screenshot('attachments-empty')

      // The file picker.
      const photo = fixture('bottling-line.jpg')
      await panel.locator('input[type=file]').setInputFiles({ name: 'IMG_0412.jpg', mimeType: 'image/jpeg', buffer: photo })
      const cards = panel.getByTestId('attachment-card')
      await expect.poll(() => cards.count()).toBe(1)
      await visible(page.getByText(text.added))
      const hash = sha256(photo)
      expect(stored(core)).toMatchObject([{ hash, file_name: 'IMG_0412.jpg', mime: 'image/jpeg', width: 640, height: 480, deleted: 0 }])
      expect(readFileSync(join(app.dataDir, 'attachments', hash.slice(0, 2), hash)).equals(photo)).toBe(true)
      await visible(cards.first().locator('img[src^="data:image/jpeg"]'))

      // A pasted screenshot (the page has focus, not a field) and a dropped portrait photo.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
      expect(await deliver(page, 'paste', { name: 'image.png', type: 'image/png', bytes: fixture('screenshot.png') })).toBe(true)
      await expect.poll(() => cards.count()).toBe(2)
      expect(await deliver(page, 'drop', { name: 'portrait.jpg', type: 'image/jpeg', bytes: fixture('portrait-exif6.jpg') })).toBe(true)
      await expect.poll(() => cards.count()).toBe(3)
      const rows = stored(core)
      expect(rows.map((row) => [row.file_name, row.mime, row.width, row.height])).toEqual([
        ['IMG_0412.jpg', 'image/jpeg', 640, 480],
        ['image.png', 'image/png', 480, 320],
        ['portrait.jpg', 'image/jpeg', 400, 640],
      ])
      for (const row of rows) expect(existsSync(join(app.dataDir, 'attachments', row.hash.slice(0, 2), row.hash))).toBe(true)
      // The portrait shows upright: its thumbnail is taller than wide.
      const portrait = cards.nth(2).locator('img')
      await visible(portrait)
      await expect.poll(() => portrait.evaluate((img: HTMLImageElement) => img.naturalHeight > img.naturalWidth && img.naturalWidth > 0)).toBe(true)

      // A caption typed is saved by itself.
      await cards.first().getByTestId('attachment-caption').fill(text.caption)
      await expect.poll(() => stored(core)[0]?.caption).toBe(text.caption)
      // Text copied from Word comes with a picture of itself: pasted into a field, it stays text.
      await cards.nth(1).getByTestId('attachment-caption').focus()
      const wordCopy = { name: 'image.png', type: 'image/png', bytes: fixture('bottling-line.jpg'), text: '复制的文字' }
      expect(await deliver(page, 'paste', wordCopy)).toBe(false)

      // A program renamed .jpg and a file over the limit are refused, each with its reason.
      // Given by path: the browser reads it from disk (31 MB through the test protocol would be slow).
      const big = join(app.dataDir, '扫描件.pdf')
      writeFileSync(big, '%PDF-1.4\n')
      truncateSync(big, 31 * 1024 * 1024)
      const renamed = join(app.dataDir, 'setup.jpg')
      writeFileSync(renamed, fixture('setup-renamed.jpg'))
      await panel.locator('input[type=file]').setInputFiles([renamed, big])
      const refused = panel.getByTestId('attachments-refused')
      await visible(refused.getByText(text.notAdded))
      await visible(refused.getByText(text.unsupported, { exact: false }))
      await visible(refused.getByText(text.tooLarge, { exact: false }))
      expect(stored(core)).toHaveLength(3)
      await app.screenshot('attachments-grid')

      // The large preview, from the keyboard.
      await cards.first().getByRole('button', { name: text.viewLarge }).focus()
      await page.keyboard.press('Enter')
      await visible(page.locator('.ant-image-preview-img'))
      await app.screenshot('attachments-preview')
      await page.keyboard.press('Escape')
      await page.locator('.ant-image-preview-img').waitFor({ state: 'hidden' })

      // Delete asks first, goes to the trash, and can be undone.
      const second = cards.nth(1)
      await second.getByRole('button', { name: new RegExp(text.delete) }).click()
      await page.locator('.ant-popconfirm').getByRole('button', { name: text.delete }).click()
      await expect.poll(() => cards.count()).toBe(2)
      expect(stored(core)[1]?.deleted).toBe(1)
      await page.getByTestId('undo-delete').click()
      await expect.poll(() => cards.count()).toBe(3)
      expect(stored(core)[1]?.deleted).toBe(0)

      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  })
})
