import { randomUUID } from 'node:crypto'
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { AppError } from '../../../../shared/errors'
import { CampaignExportRequest } from '../../../../shared/procedures/campaign'
import type { CollegeProfile } from '../../../../shared/schemas/settings'
import { parseOrThrow } from '../../../../shared/validation'
import type { CoreContext } from '../../context'
import { campaignFigures, campaignSettings } from '../../domain/campaign'
import { addDays, periodRange, weekStart } from '../../domain/campaign-dates'
import type { ReportHost } from '../export'
import { safeFileName } from '../file-name'
import { packDocument } from '../research-report'
import { styleByName } from '../style'
import { periodSummaryContent, weeklyReportContent } from './documents'
import { ledgerWorkbook } from './ledger'

const NAMES = {
  zh: { ledger: '访企拓岗台账', weekly: '访企拓岗工作周报', summary: '访企拓岗专项行动工作总结' },
  en: { ledger: 'Campaign ledger', weekly: 'Campaign weekly report', summary: 'Campaign summary' },
} as const

/** Builds a campaign document in memory: the ledger workbook, the weekly report or the period summary. */
export async function buildCampaignDocument(
  context: CoreContext,
  profile: CollegeProfile,
  raw: unknown,
): Promise<{ buffer: Buffer; fileName: string; title: string }> {
  const request = parseOrThrow(CampaignExportRequest, raw)
  const zh = request.language === 'zh'
  const configured = periodRange(campaignSettings(context.store, request.today).period)
  const from = request.from ?? configured.from
  const to = request.to ?? configured.to
  const college = profile.collegeName || (zh ? '学校' : 'The college')
  const documentOptions = {
    style: styleByName('official'),
    language: request.language,
    college,
    signedBy: profile.signature || (profile.collegeName ? `${profile.collegeName}${profile.department ? ` ${profile.department}` : ''}` : college),
    date: request.today,
  }
  const name = NAMES[request.language][request.kind]
  switch (request.kind) {
    case 'ledger': {
      const figures = campaignFigures(context.store, { from, to, today: request.today })
      const buffer = await ledgerWorkbook(figures, request.language, request.sheetPerLeader)
      const title = `${name} ${from}–${to}`
      return { buffer, title, fileName: `${safeFileName(title)}.xlsx` }
    }
    case 'weekly': {
      // The week of `today` within the period; the period's last week once it has ended.
      const reference = request.today > to ? to : request.today < from ? from : request.today
      const monday = weekStart(reference)
      const sunday = addDays(monday, 6)
      const weekFrom = monday < from ? from : monday
      const weekTo = sunday > to ? to : sunday
      const week = campaignFigures(context.store, { from: weekFrom, to: weekTo, today: request.today })
      const cumulative = campaignFigures(context.store, { from, to: weekTo, today: request.today })
      const title = `${name} ${weekFrom}–${weekTo}`
      const buffer = await packDocument(weeklyReportContent(week, cumulative, documentOptions), documentOptions.style, title)
      return { buffer, title, fileName: `${safeFileName(title)}.docx` }
    }
    case 'summary': {
      const figures = campaignFigures(context.store, { from, to, today: request.today })
      const title = `${name} ${from}–${to}`
      const buffer = await packDocument(periodSummaryContent(figures, documentOptions), documentOptions.style, title)
      return { buffer, title, fileName: `${safeFileName(title)}.docx` }
    }
  }
}

/** Writes through a temporary file, so a failed export never leaves half a file. */
export function writeExport(filePath: string, buffer: Buffer): void {
  const temporary = `${filePath}.${randomUUID().slice(0, 8)}.partial`
  try {
    writeFileSync(temporary, buffer)
    renameSync(temporary, filePath)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw new AppError('EXPORT_FAILED', `Cannot write ${filePath}: ${(error as Error).message}`, { filePath })
  }
}

/** Builds the document, asks the host where to save it, writes it; null when the user cancels. */
export async function exportCampaign(
  context: CoreContext,
  profile: CollegeProfile,
  host: ReportHost | undefined,
  request: unknown,
): Promise<{ fileName: string; bytes: number; filePath: string } | null> {
  if (!host) throw new AppError('EXPORT_FAILED', 'This Fieldbook cannot show a save dialog; use the command line with --out.')
  const built = await buildCampaignDocument(context, profile, request)
  const filePath = await host.chooseSavePath(built.fileName)
  if (!filePath) return null
  writeExport(filePath, built.buffer)
  return { fileName: basename(filePath), bytes: built.buffer.length, filePath }
}
