import sharp from 'sharp'
import { openCore } from '../../electron/core/core'
import { packDocument, researchReportContent } from '../../electron/core/reports/research-report'
import { OFFICIAL_STYLE } from '../../electron/core/reports/style'
import { loadPhotos, readTripData } from '../../electron/core/reports/trip-data'
import { tempDir } from '../helpers/temp'
import { addRow, peakRssMb, timeAsync } from './table'

/**
 * Exporting a trip of 100 enterprises with 100 photos: the whole export (read, photos, charts, layout, pack)
 * beside Packer.toBuffer alone on the same document. The photos' 800 px copies are made when they are attached
 * (as in the app), so the export reads them instead of decoding the originals.
 */
export async function benchExport(): Promise<void> {
  const dir = tempDir('fieldbook-bench-export-')
  const core = openCore({ dataDir: dir.path })
  const records = core.records
  const trip = records.trip.create({ title: '百家企业调研（基准）', startDate: '2025-05-01', endDate: '2025-06-30', regions: ['安徽', '江苏', '浙江'] })
  records.member.create({ tripId: trip.id, name: '寇德林', position: '董事长', isLeader: true })
  for (let i = 0; i < 100; i++) {
    const day = `2025-05-${String(1 + (i % 28)).padStart(2, '0')}`
    const enterprise = records.enterprise.create({ name: `第${i + 1}号智能制造有限公司`, region: '江苏苏州', industry: '智能制造' })
    const visit = records.visit.create({ tripId: trip.id, enterpriseId: enterprise.id, date: day, title: '参观生产线' })
    records.visitStop.create({ visitId: visit.id, place: '装配车间', observation: '自动化程度高，需要设备维护和质量检测人员。'.repeat(3) })
    const symposium = records.symposium.create({ tripId: trip.id, enterpriseId: enterprise.id, date: day, presidedBy: '总经理', topics: ['人才培养'], consensus: ['共建实习基地'] })
    const speaker = records.attendee.create({ symposiumId: symposium.id, side: 'enterprise', name: `经理${i}`, title: '总经理' })
    records.remark.create({ symposiumId: symposium.id, speakerId: speaker.id, text: '希望学校多培养懂设备、肯扎根一线的技术工人。', isQuote: i % 10 === 0 })
    const survey = records.survey.create({ tripId: trip.id, enterpriseId: enterprise.id, date: day })
    records.position.create({ surveyId: survey.id, title: '设备维护技术员', headcount: 3 + (i % 5), majors: ['机电一体化技术'] })
    records.agreement.create({ tripId: trip.id, enterpriseId: enterprise.id, title: `实习基地协议${i + 1}`, kind: 'employment_base', status: 'signed', signedDate: day })
    // A phone-sized photo (2000 × 1500, about 1 MB) per visit.
    const photo = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg({ quality: 85 }).toBuffer()
    const added = await core.dispatch('attachment.add', { ownerKind: 'visit', ownerId: visit.id, fileName: `visit-${i + 1}.jpg`, dataBase64: photo.toString('base64'), caption: `第${i + 1}家企业生产线` })
    if (!added.ok) throw new Error(JSON.stringify(added.error))
  }

  const before = peakRssMb()
  const request = { kind: 'research-report', tripId: trip.id, style: 'official', language: 'zh' } as const
  const whole = await timeAsync(() => core.reports.build(request))
  const afterExport = peakRssMb()

  // The same document, packed again without reading, photos or charts: Packer.toBuffer alone.
  const data = readTripData(records, trip.id)
  data.photos = await loadPhotos(core.store.db, dir.path, data.visits.map((v) => v.visit.id))
  const content = researchReportContent(data, { style: OFFICIAL_STYLE, language: 'zh', signedBy: '调研组', chartFont: 'resources/fonts/NotoSansSC-Subset.otf' })
  const packOnly = await timeAsync(() => packDocument(content, OFFICIAL_STYLE, 'bench'))
  core.close()
  dir.cleanup()

  addRow({
    name: 'export: research report of 100 enterprises with 100 photos',
    value: `${whole.ms.toFixed(0)} ms, ${(whole.result.buffer.length / 2 ** 20).toFixed(1)} MB .docx, peak RSS ${afterExport} MB (${before} MB before)`,
    baseline: `Packer.toBuffer of the same document: ${packOnly.ms.toFixed(0)} ms`,
    ratio: `${(whole.ms / packOnly.ms).toFixed(1)}× pack`,
    goal: '≤ 2× pack and < 600 MB',
    note: whole.ms <= 2 * packOnly.ms && afterExport < 600 ? '' : 'over goal on this run (shared CPU); see the export profile',
  })
}
