import { join } from 'node:path'
import type { Paragraph, Table } from 'docx'
import type { ExportWarning, ReportKind, ReportRequest } from '../../../shared/procedures/reports'
import type { CollegeProfile } from '../../../shared/schemas/settings'
import type { Enterprise } from '../../../shared/schemas/enterprise'
import type { CoreContext } from '../context'
import { CHART_FONT_FILE } from './charts'
import { enterpriseFileContent, readEnterpriseFile } from './enterprise-file'
import { safeFileName } from './file-name'
import { newsBriefContent } from './news-brief'
import { hasCjk } from './prose'
import { packDocument, researchReportContent, researchReportTitle, type ReportOptions } from './research-report'
import { styleByName } from './style'
import { demandReportTitle, talentDemandContent } from './talent-demand'
import { loadPhotos, readTripData } from './trip-data'

/*
 * The report documents themselves: everything here draws on docx and the charts (echarts, resvg), so this module
 * is loaded with the first export (ReportService's loadReportBuilder), never when the core opens.
 */

/**
 * A document's title from its subject, the same in the document, its file name and the export history: the
 * research report is 关于…情况的报告, the others put their kind after the subject without doubling a word.
 */
export function documentTitle(kind: ReportKind, subject: string, language: 'zh' | 'en'): string {
  const zh = language === 'zh'
  switch (kind) {
    case 'research-report':
      return zh ? researchReportTitle(subject, 'zh').join('') : `${subject} – research report`
    case 'news-brief':
      return zh ? `${subject}新闻稿` : `${subject} – news brief`
    case 'talent-demand':
      return zh ? demandReportTitle(subject, 'zh').join('') : `${subject} – talent demand`
    case 'enterprise-file':
      return zh ? `${subject}企业档案` : `${subject} – enterprise file`
  }
}

/** Builds the document in memory: its bytes, its title and a file name to suggest. */
export async function buildReport(
  context: CoreContext,
  resourcesDir: string,
  profile: CollegeProfile,
  request: ReportRequest,
  onProgress: (stage: 'building' | 'packing') => void = () => {},
): Promise<{ buffer: Buffer; title: string; fileName: string; warnings: ExportWarning[] }> {
  onProgress('building')
  const zh = request.language === 'zh'
  const college = profile.collegeName || (zh ? '学校' : 'The college')
  const warnings: ExportWarning[] = []
  // The news brief names the college and the signature does too: an empty profile prints placeholders.
  if (!profile.collegeName && (request.kind === 'news-brief' || !profile.signature)) warnings.push('collegeProfileEmpty')
  const options: ReportOptions = {
    style: styleByName(request.style),
    language: request.language,
    signedBy: profile.signature || (profile.collegeName ? `${profile.collegeName}${profile.department ? ` ${profile.department}` : ''}` : zh ? '调研组' : 'The research group'),
    chartFont: join(resourcesDir, CHART_FONT_FILE),
    ...(request.sections ? { sections: request.sections } : {}),
    ...(profile.logo ? { logo: Buffer.from(profile.logo, 'base64') } : {}),
  }
  const records = context.records
  let content: (Paragraph | Table)[]
  let subject: string
  switch (request.kind) {
    case 'research-report':
    case 'news-brief': {
      const data = readTripData(records, request.tripId!)
      if (request.kind === 'research-report' && (!request.sections || request.sections.includes('photos'))) {
        data.photos = await loadPhotos(context.store.db, context.dataDir, [data.trip.id, ...data.visits.map((v) => v.visit.id), ...data.symposiums.map((s) => s.symposium.id)])
      }
      subject = data.trip.title
      content = request.kind === 'research-report' ? researchReportContent(data, options) : newsBriefContent(data, { ...options, college })
      const written = [data.trip.title, data.trip.purpose, ...data.enterprises.map((e) => e.name), ...data.symposiums.flatMap((s) => s.remarks.map((r) => r.text))]
      if (!zh && written.some(hasCjk)) warnings.push('untranslatedValues')
      break
    }
    case 'talent-demand': {
      const source = demandSource(context, request)
      subject = source.title
      content = talentDemandContent(source, options)
      break
    }
    case 'enterprise-file': {
      const data = readEnterpriseFile(records, request.enterpriseId!)
      subject = data.enterprise.name
      content = enterpriseFileContent(data, options)
      break
    }
  }
  const title = documentTitle(request.kind, subject, request.language)
  onProgress('packing')
  const buffer = await packDocument(content, options.style, title)
  return { buffer, title, fileName: `${safeFileName(title)}.docx`, warnings }
}

function demandSource(context: CoreContext, request: ReportRequest) {
  const records = context.records
  const filter: Record<string, string> = {}
  if (request.tripId) filter['tripId'] = request.tripId
  if (request.enterpriseId) filter['enterpriseId'] = request.enterpriseId
  const surveys = records.survey.list(filter).map((survey) => ({
    survey: survey as never,
    positions: records.position.list({ surveyId: survey.id }) as never[],
  }))
  const enterpriseIds = [...new Set(surveys.map((s) => (s.survey as { enterpriseId: string }).enterpriseId).concat(request.enterpriseId ? [request.enterpriseId] : []))]
  const enterprises = enterpriseIds.map((id) => records.enterprise.find(id)).filter((e) => e && !e.deleted) as unknown as Enterprise[]
  const title = request.enterpriseId ? (records.enterprise.get(request.enterpriseId)['name'] as string) : (records.trip.get(request.tripId!)['title'] as string)
  return { title, enterprises, surveys }
}
