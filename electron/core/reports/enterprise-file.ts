import type { Paragraph, Table } from 'docx'
import type { Action, Note } from '../../../shared/schemas/action'
import type { Agreement } from '../../../shared/schemas/agreement'
import type { FieldSpec } from '../../../shared/fields'
import { CONTACT_FIELD_SPECS, ENTERPRISE_FIELD_SPECS, type Contact, type Enterprise } from '../../../shared/schemas/enterprise'
import type { Position, Survey } from '../../../shared/schemas/survey'
import type { Symposium } from '../../../shared/schemas/symposium'
import type { Trip } from '../../../shared/schemas/trip'
import type { Visit } from '../../../shared/schemas/visit'
import type { RecordServices } from '../domain/registry'
import { Blocks } from './blocks'
import { STATUS } from './labels'
import { formatDate, headingLabel } from './numbering'
import type { ReportOptions } from './research-report'

/**
 * The profile table's rows: each enterprise field the registry marks for the report (shared/schemas/enterprise.ts),
 * under its report label, a choice as its word and a list joined.
 */
export function profileRows(e: Enterprise, language: 'zh' | 'en'): [string, string][] {
  return Object.entries(ENTERPRISE_FIELD_SPECS as Readonly<Record<string, FieldSpec>>).flatMap(([field, spec]): [string, string][] => {
    if (!spec.report || !spec.label) return []
    const label = spec.report === true ? spec.label[language] : spec.report[language]
    const value = e[field as keyof Enterprise]
    const text = spec.choices && typeof value === 'string' ? (spec.choices[value]?.[language] ?? value) : Array.isArray(value) ? value.join(language === 'zh' ? '、' : ', ') : String(value ?? '')
    return [[label, text || '—']]
  })
}

export interface EnterpriseFileData {
  enterprise: Enterprise
  contacts: Contact[]
  trips: Map<string, Trip>
  visits: Visit[]
  symposiums: Symposium[]
  agreements: Agreement[]
  surveys: { survey: Survey; positions: Position[] }[]
  actions: Action[]
  notes: Note[]
}

export function readEnterpriseFile(records: RecordServices, enterpriseId: string): EnterpriseFileData {
  const list = <T>(kind: keyof RecordServices, filter: Record<string, string>) => records[kind].list(filter) as unknown as T[]
  const visits = list<Visit>('visit', { enterpriseId })
  const symposiums = list<Symposium>('symposium', { enterpriseId })
  const agreements = list<Agreement>('agreement', { enterpriseId })
  const surveys = list<Survey>('survey', { enterpriseId }).map((survey) => ({ survey, positions: list<Position>('position', { surveyId: survey.id }) }))
  const tripIds = new Set([...visits, ...symposiums, ...agreements, ...surveys.map((s) => s.survey)].map((r) => r.tripId).filter(Boolean))
  const trips = new Map([...tripIds].map((id) => [id, records.trip.find(id) as unknown as Trip]).filter(([, t]) => t) as [string, Trip][])
  return {
    enterprise: records.enterprise.get(enterpriseId) as unknown as Enterprise,
    contacts: list<Contact>('contact', { enterpriseId }),
    trips,
    visits,
    symposiums,
    agreements,
    surveys,
    actions: list<Action>('action', { enterpriseId }),
    notes: list<Note>('note', { enterpriseId }),
  }
}

/** The enterprise file (一企一档): profile, contacts, cooperation history, every encounter, agreements, demand over time. */
export function enterpriseFileContent(data: EnterpriseFileData, options: ReportOptions): (Paragraph | Table)[] {
  const { style, language } = options
  const zh = language === 'zh'
  const b = new Blocks(style, options.logo)
  const official = style.name === 'official'
  const e = data.enterprise
  const out: (Paragraph | Table)[] = []
  let h1 = 0
  const heading = (text: string) => out.push(b.heading(1, headingLabel(1, ++h1, official), text))
  const tripTitle = (id: string) => data.trips.get(id)?.title ?? '—'

  out.push(...b.title(zh ? `${e.name}合作档案` : `Enterprise file: ${e.name}`))
  heading(zh ? '基本信息' : 'Profile')
  const rows = profileRows(e, language)
  out.push(b.table([zh ? '项目' : 'Item', zh ? '内容' : 'Value'], rows, [0.3, 0.7]))
  if (e.profile) out.push(b.body(e.profile))

  heading(zh ? '联系人' : 'Contacts')
  if (data.contacts.length) {
    const columns = (['name', 'title', 'phone', 'email'] as const).map((field) => CONTACT_FIELD_SPECS[field].label[language])
    out.push(b.table(columns, data.contacts.map((c) => [c.name, c.title || '—', c.phone || '—', c.email || '—']), [0.2, 0.3, 0.22, 0.28]))
  } else out.push(b.body(zh ? '暂无联系人记录。' : 'No contacts recorded.'))

  const history = data.notes.filter((n) => n.kind === 'history')
  if (history.length) {
    heading(zh ? '合作历程' : 'Cooperation history')
    for (const note of history) out.push(b.body(note.text, note.date ? `${formatDate(note.date, language)}${zh ? '：' : ': '}` : undefined))
  }

  heading(zh ? '历次调研记录' : 'Every encounter')
  const timeline = [
    ...data.visits.map((v) => ({ date: v.date, trip: v.tripId, what: zh ? `实地参观${v.title ? `：${v.title}` : ''}` : `Site visit${v.title ? `: ${v.title}` : ''}` })),
    ...data.symposiums.map((s) => ({ date: s.date, trip: s.tripId, what: zh ? `座谈会${s.title ? `：${s.title}` : ''}` : `Symposium${s.title ? `: ${s.title}` : ''}` })),
    ...data.surveys.map(({ survey, positions }) => ({ date: survey.date, trip: survey.tripId, what: zh ? `人才需求调研，岗位${positions.reduce((n, p) => n + p.headcount, 0)}个` : `Talent-demand survey, ${positions.reduce((n, p) => n + p.headcount, 0)} positions` })),
    ...data.agreements.map((a) => ({ date: a.signedDate || data.trips.get(a.tripId)?.endDate || '', trip: a.tripId, what: zh ? `协议：${a.title}` : `Agreement: ${a.title}` })),
  ].sort((x, y) => y.date.localeCompare(x.date))
  if (timeline.length) {
    out.push(b.table(zh ? ['日期', '行程', '事项'] : ['Date', 'Trip', 'What'], timeline.map((t) => [t.date ? formatDate(t.date, language) : '—', t.trip ? tripTitle(t.trip) : '—', t.what]), [0.2, 0.35, 0.45]))
  } else out.push(b.body(zh ? '暂无调研记录。' : 'Nothing recorded yet.'))

  if (data.agreements.length) {
    heading(zh ? '合作协议' : 'Agreements')
    out.push(
      b.table(
        zh ? ['协议', '状态', '签订日期', '金额（元）', '岗位'] : ['Agreement', 'Status', 'Signed', 'Amount (yuan)', 'Positions'],
        data.agreements.map((a) => [a.title, STATUS[language][a.status], a.signedDate ? formatDate(a.signedDate, language) : '—', a.amountYuan ? a.amountYuan.toLocaleString(zh ? 'zh-CN' : 'en') : '—', a.positions ? String(a.positions) : '—']),
        [0.4, 0.13, 0.17, 0.18, 0.12],
      ),
    )
  }

  if (data.surveys.length) {
    heading(zh ? '人才需求变化' : 'Demand over time')
    for (const { survey, positions } of [...data.surveys].sort((x, y) => x.survey.date.localeCompare(y.survey.date))) {
      out.push(b.body(positions.map((p) => `${p.title} ${p.headcount}${zh ? '人' : ''}（${p.kind === 'internship' ? (zh ? '实习' : 'intern') : zh ? '就业' : 'job'}）`).join(zh ? '；' : '; '), `${formatDate(survey.date, language)}${zh ? '：' : ': '}`))
    }
  }
  const open = data.actions.filter((a) => a.status === 'open' || a.status === 'in_progress')
  if (open.length) {
    heading(zh ? '待跟进事项' : 'Open follow-ups')
    for (const a of open) out.push(b.body(`${a.title}${a.owner ? `（${a.owner}${a.dueDate ? `，${formatDate(a.dueDate, language)}` : ''}）` : ''}`))
  }
  return out
}
