import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { docxToPdf } from '../helpers/pdf'
import { SCREENS_DIR, visible } from './harness'
import { pick, useBrowser } from './ui'

const web = useBrowser()

/** Today on this machine's calendar, as the screen counts it. */
function localToday(): string {
  const now = new Date()
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
}

const LANGUAGES = [
  {
    locale: 'zh-CN' as const,
    suffix: 'zh',
    text: { memberName: '姓名', memberPosition: '职务', nav: '访企拓岗', save: '保存走访', ledgerHeader: '企业名称', exportLedger: '走访台账（Excel）', exportWeekly: '工作周报（Word）', weeklyTitle: '工作周报' },
    lang: 'zh',
  },
  {
    locale: 'en-US' as const,
    suffix: 'en',
    text: { memberName: 'Name', memberPosition: 'Position', nav: 'Visits campaign', save: 'Save the visit', ledgerHeader: 'Enterprise', exportLedger: 'Visit ledger (Excel)', exportWeekly: 'Weekly report (Word)', weeklyTitle: 'weekly progress' },
    lang: 'en',
  },
]

describe.each(LANGUAGES)('campaign in $locale', ({ locale, suffix, text }) => {
  it('records a quick visit, shows the leader’s count and the week change, and exports the ledger and the weekly report', async () => {
    const app = await web.open({ locale, route: '/trips' })
    const { page, core } = app
    try {
      await page.setViewportSize({ width: 1366, height: 768 })
      const today = localToday()
      const president = core.records.staff.create({ name: '王立新', position: '校长', department: '校领导', level: 'school' })
      const dean = core.records.staff.create({ name: '李晓燕', position: '智能制造学院院长', department: '智能制造学院', level: 'department' })
      core.records.staff.create({ name: '陈建国', position: '党委书记', department: '校领导', level: 'school' })
      const earlier = core.records.enterprise.create({ name: '合肥星湖新能源有限公司', region: '安徽合肥', industry: '新能源' })
      core.records.enterprise.create({ name: '苏州汇润机电有限公司', region: '江苏苏州', industry: '智能制造' })
      await core.dispatch('campaign.quickVisit', { date: today, enterpriseId: earlier.id, staffIds: [president.id, dean.id], jobs: 10, internships: 5 })

      await page.getByRole('menuitem', { name: text.nav }).click()
      const leader = page.locator('[data-testid="leader-progress"][data-name="王立新"]')
      await visible(leader)
      expect(await leader.getAttribute('data-visits')).toBe('1')
      const week = page.getByTestId('campaign-this-week')
      expect(await week.getAttribute('data-visits')).toBe('1')
      expect(await week.getAttribute('data-positions')).toBe('15')

      // The form: the enterprise, who went (the president leads), the positions offered.
      await page.getByTestId('quick-visit-open').click()
      const form = page.getByTestId('quick-visit-form')
      await visible(form)
      await pick(page, form.locator('#quickVisit_enterpriseId'), '汇润', '苏州汇润机电有限公司')
      await pick(page, form.locator('#quickVisit_staffIds'), '王立新', '王立新')
      await page.keyboard.press('Escape')
      await form.locator('#quickVisit_agreed').fill('共建订单班，暑期接收实习生')
      await form.locator('#quickVisit_jobs').fill('8')
      await form.locator('#quickVisit_internships').fill('12')
      await page.getByTestId('quick-visit-form-ok').click()
      await expect.poll(() => leader.getAttribute('data-visits')).toBe('2')
      await expect.poll(() => week.getAttribute('data-visits')).toBe('2')
      expect(await week.getAttribute('data-positions')).toBe('35')
      expect(await page.locator('[data-testid="leader-progress"][data-name="李晓燕"]').getAttribute('data-visits')).toBe('1')
      await expect.poll(() => page.getByTestId('campaign-visits').getAttribute('data-value')).toBe('2')
      // The confirmation toast gone and the page at its top, as a user sees it after saving.
      await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 8000 }).toBe(0)
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.screenshot({ path: join(SCREENS_DIR, `campaign-1366-${suffix}.png`), animations: 'disabled' })

      // The ledger tab: one row per person per visit, newest first.
      await page.getByTestId('campaign-tab-ledger').click()
      await expect.poll(() => page.locator('[data-testid="ledger-table"] .ant-table-tbody .ant-table-row').count()).toBe(3)
      await page.screenshot({ path: join(SCREENS_DIR, `campaign-ledger-1366-${suffix}.png`), animations: 'disabled' })

      // Exports: the ledger workbook and the weekly report, through the app's save dialog.
      await page.getByTestId('campaign-export').click()
      await page.getByRole('menuitem', { name: text.exportLedger }).click()
      await expect.poll(() => readdirSync(app.exportsDir).filter((f) => f.endsWith('.xlsx')).length).toBe(1)
      const ledgerFile = readdirSync(app.exportsDir).find((f) => f.endsWith('.xlsx'))!
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.readFile(join(app.exportsDir, ledgerFile))
      const rows = workbook.worksheets[0]!.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1))
      expect(rows[0]![1]).toBe(text.ledgerHeader)
      expect(rows.slice(1).map((r) => [r[0], r[1], r[5], r[10], r[11]]).sort()).toEqual(
        [
          [today, '合肥星湖新能源有限公司', '李晓燕', 10, 5],
          [today, '合肥星湖新能源有限公司', '王立新', 10, 5],
          [today, '苏州汇润机电有限公司', '王立新', 8, 12],
        ].sort(),
      )

      await page.getByTestId('campaign-export').click()
      await page.getByRole('menuitem', { name: text.exportWeekly }).click()
      await expect.poll(() => readdirSync(app.exportsDir).filter((f) => f.endsWith('.docx')).length).toBe(1)
      const weeklyFile = readdirSync(app.exportsDir).find((f) => f.endsWith('.docx'))!
      const { pdf, cleanup } = docxToPdf(readFileSync(join(app.exportsDir, weeklyFile)), `weekly-${suffix}`)
      try {
        const pdfText = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
        expect(pdfText).toContain(text.weeklyTitle.replace(/\s+/g, ''))
        expect(pdfText).toContain(suffix === 'zh' ? '走访企业2家次' : '2enterprisevisitsto2enterprises')
        expect(pdfText).toContain(suffix === 'zh' ? '调研新增岗位35个（就业岗位18个、实习岗位17个）' : '35newpositionssurveyed(18jobsand17internships)')
        expect(pdfText).toContain('王立新')
        execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(SCREENS_DIR, `campaign-weekly-${suffix}`)])
      } finally {
        cleanup()
      }
      // Building a trip's group suggests people from the directory; the member added is linked to the person.
      const trip = core.records.trip.create({ title: '苏州访企', startDate: '2025-05-16', endDate: '2025-05-17' })
      await page.goto(`${web.url}#/trips/${trip.id}/group`)
      const addMember = page.getByTestId('add-member')
      await visible(addMember)
      await pick(page, addMember.getByLabel(text.memberName), '李晓', '李晓燕')
      await expect.poll(() => addMember.getByLabel(text.memberPosition).inputValue()).toBe('智能制造学院院长')
      await addMember.getByLabel(text.memberName).press('Enter')
      await expect.poll(() => core.records.member.list({ tripId: trip.id }).map((m) => [m['name'], m['staffId']])).toEqual([['李晓燕', dean.id]])
      expect(app.problems).toEqual([])
    } finally {
      await app.close()
    }
  }, 180_000)
})
