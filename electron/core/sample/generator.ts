import { AGREEMENT_KINDS, AGREEMENT_STATUSES } from '../../../shared/schemas/agreement'
import { EDUCATION_LEVELS } from '../../../shared/schemas/survey'
import { ContactInput, COOPERATION_STAGES, creditCodeCheckChar, ENTERPRISE_SIZES, EnterpriseInput } from '../../../shared/schemas/enterprise'
import { toCell } from '../domain/records'
import { BlobStore } from '../attachments/blob-store'
import type { ChangeInput, Store } from '../store/store'
import { columnName, SYNCED_TABLE_FIELDS, SYNCED_TABLES, type SyncedTable } from '../store/tables'
import { makePhotos, type SamplePhoto } from './photos'
import { Prng, seededId } from './prng'
import * as V from './vocabulary'

/**
 * The seeded data generator behind `npm run cli -- generate` and `npm run bench`: realistic trips, enterprise
 * files, symposium minutes, surveys, follow-ups and photos in mixed Chinese and English, in three sizes. The same
 * seed gives the same records and ids. Rows are written through `store.applyChanges` (the single write path) in
 * large batches rather than record by record, with every field the record services would have written.
 */

export const SAMPLE_SIZE_NAMES = ['S', 'M', 'L'] as const
export type SampleSize = (typeof SAMPLE_SIZE_NAMES)[number]

/** What the issue asks for at L; M and S are a tenth and a hundredth of it. */
export interface SampleTargets {
  enterprises: number
  trips: number
  symposiums: number
  remarks: number
  surveys: number
  positions: number
  actions: number
  photos: number
}

const L_TARGETS: SampleTargets = {
  enterprises: 2000,
  trips: 200,
  symposiums: 5000,
  remarks: 100_000,
  surveys: 5000,
  positions: 50_000,
  actions: 20_000,
  photos: 2000,
}

function scaled(factor: number): SampleTargets {
  return Object.fromEntries(Object.entries(L_TARGETS).map(([key, n]) => [key, Math.round(n * factor)])) as unknown as SampleTargets
}

export const SAMPLE_SIZES: Record<SampleSize, SampleTargets> = { S: scaled(0.01), M: scaled(0.1), L: L_TARGETS }

export const DEFAULT_SEED = 20250516

/** About a dozen half-day visits a week over the first half of the campaign year, as a college in the action makes. */
export const QUICK_VISITS_AT_L = 300

/** The generated data's "today": follow-ups before it are overdue, trips after it are planned. Fixed, so runs agree. */
export const SAMPLE_TODAY = '2025-06-30'

export interface GenerateOptions {
  size: SampleSize
  seed?: number
  /** Where the photo blobs go (the data folder the store lives in). */
  dataDir: string
  /** Changes per applyChanges call (one transaction each). */
  batchChanges?: number
  /**
   * Half-day quick visits of the campaign year (the year of SAMPLE_TODAY, up to it), each a one-day trip led by a
   * college leader or head of department. L has QUICK_VISITS_AT_L of them; S and M none unless asked, so their
   * trip counts stay a hundredth and a tenth of L's trips.
   */
  quickVisits?: number
}

export interface GenerateSummary {
  size: SampleSize
  seed: number
  /** Rows written per table. */
  counts: Record<string, number>
  changes: number
  distinctPhotos: number
  ms: number
}

const DAY_MS = 86_400_000
const MEMBERS_PER_TRIP = 4
const CONTACTS_PER_ENTERPRISE = 2
const STOPS_PER_VISIT = 2
const ENTERPRISE_ATTENDEES = 2
const SCHOOL_ATTENDEES = 2

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

function dateMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`)
}

function fill(template: string, prng: Prng, slots: { c?: string } = {}): string {
  return template
    .replaceAll('{t}', () => prng.pick(V.TECH_TERMS))
    .replaceAll('{p}', () => prng.pick(V.POSITION_TITLES))
    .replaceAll('{m}', () => prng.pick(V.MAJORS))
    .replaceAll('{n}', () => String(prng.int(2, 60)))
    .replaceAll('{c}', () => slots.c ?? prng.pick(V.REGIONS)[1])
}

/** Splits `total` into `parts` whole numbers that add up exactly (the first ones get the remainder). */
function share(total: number, parts: number, index: number): number {
  return Math.floor(total / parts) + (index < total % parts ? 1 : 0)
}

const ENGLISH_TRADES = ['Hengli', 'Huatong', 'Boyuan', 'Ruida', 'Dingsheng', 'Kairui', 'Haina', 'Jinqiao', 'Zhengtai', 'Qihang', 'Lianchuang', 'Yuanjing']

/** A valid unified social credit code: 91 (enterprise), a region code, an organisation code, its check character. */
function creditCode(prng: Prng): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  let body = `91${prng.pick(['320500', '320200', '340100', '341700', '330100', '440300', '310000', '370200'])}`
  while (body.length < 17) body += alphabet[prng.int(0, alphabet.length - 1)]
  return body + creditCodeCheckChar(body)!
}

function personName(prng: Prng): string {
  const given = prng.chance(0.6) ? prng.pick([...V.GIVEN_CHARS]) + prng.pick([...V.GIVEN_CHARS]) : prng.pick([...V.GIVEN_CHARS])
  return prng.pick([...V.SURNAMES]) + given
}

/**
 * An enterprise's and a contact's fields as creating one without them writes them: a field the generator does not
 * fill itself (one added to the registry later) is stored with its default.
 */
const ENTERPRISE_DEFAULTS = EnterpriseInput.parse({ name: '-' })
const CONTACT_DEFAULTS = ContactInput.parse({ enterpriseId: '00000000-0000-4000-8000-000000000000', name: '-' })

/** Writes generated records as field changes, in batches, through the store's single write path. */
class ChangeWriter {
  private buffer: ChangeInput[] = []
  readonly counts: Record<string, number> = {}
  changes = 0

  constructor(
    private readonly store: Store,
    private readonly batchChanges: number,
  ) {}

  /** `fields` is the whole record in its schema's field names, defaults included, as RecordService.create writes it. */
  add(table: SyncedTable, id: string, fields: Record<string, unknown>): void {
    const kinds = SYNCED_TABLES[table]
    for (const field of Object.keys(SYNCED_TABLE_FIELDS[table].shape)) {
      const column = columnName(field)
      const value = fields[field]
      if (value === undefined) throw new Error(`The generator left ${table}.${field} empty`)
      this.buffer.push({ table, rowId: id, column, value: toCell(kinds[column]!, value) })
    }
    this.buffer.push({ table, rowId: id, column: 'deleted', value: 0 })
    this.counts[table] = (this.counts[table] ?? 0) + 1
    if (this.buffer.length >= this.batchChanges) this.flush()
  }

  flush(): void {
    if (this.buffer.length === 0) return
    this.store.applyChanges(this.buffer)
    this.changes += this.buffer.length
    this.buffer = []
  }
}

interface EnterpriseRef {
  id: string
  name: string
  city: string
  contacts: { id: string; name: string; title: string }[]
}

interface MemberRef {
  id: string
  name: string
  title: string
}

/** One of our people in the generated staff directory. */
interface StaffRef {
  id: string
  name: string
  position: string
  department: string
}

/** The directory: the college leaders, the heads of schools and departments, and staff who go along. */
const STAFF_POSITIONS = {
  school: [['党委书记', '校领导'], ['校长', '校领导'], ['党委副书记', '校领导'], ['副校长', '校领导'], ['副校长', '校领导'], ['副校长', '校领导']],
  department: [
    ['招生就业处处长', '招生就业处'], ['校企合作中心主任', '校企合作中心'], ['智能制造学院院长', '智能制造学院'], ['智能制造学院党总支书记', '智能制造学院'],
    ['信息工程学院院长', '信息工程学院'], ['信息工程学院副院长', '信息工程学院'], ['汽车工程学院院长', '汽车工程学院'], ['经济管理学院院长', '经济管理学院'],
    ['建筑工程学院院长', '建筑工程学院'], ['机电工程系主任', '机电工程系'], ['教务处处长', '教务处'], ['学生工作处处长', '学生工作处'],
  ],
  other: [['专业带头人', '智能制造学院'], ['辅导员', '信息工程学院'], ['就业指导教师', '招生就业处'], ['骨干教师', '汽车工程学院'], ['专业教师', '经济管理学院'], ['科员', '校企合作中心']],
} as const satisfies Record<'school' | 'department' | 'other', readonly (readonly [string, string])[]>

/** Generates one data set into `store` (normally an empty data folder) and returns what it wrote. */
export async function generateSample(store: Store, options: GenerateOptions): Promise<GenerateSummary> {
  const started = performance.now()
  const seed = options.seed ?? DEFAULT_SEED
  const targets = SAMPLE_SIZES[options.size]
  const prng = new Prng(seed)
  const writer = new ChangeWriter(store, options.batchChanges ?? 100_000)
  // Ids carry the time the record was "made": a moment on the record's own date, so ids sort like the data.
  let tick = 0
  const idAt = (date: string) => seededId(prng, dateMs(date) + 8 * 3600_000 + (tick++ % 36_000_000))

  // The staff directory comes from its own stream of numbers, so the records below stay those of the seed.
  const campaignPrng = new Prng(seed ^ 0x5eed_ca11)
  const staffByLevel: Record<keyof typeof STAFF_POSITIONS, StaffRef[]> = { school: [], department: [], other: [] }
  const staffNames = new Set<string>()
  for (const level of ['school', 'department', 'other'] as const) {
    for (const [position, department] of STAFF_POSITIONS[level]) {
      for (let copy = 0; copy < (level === 'other' ? 3 : 1); copy++) {
        let name = personName(campaignPrng)
        while (staffNames.has(name)) name = personName(campaignPrng)
        staffNames.add(name)
        const person = { id: seededId(campaignPrng, dateMs('2018-01-01') + 3600_000), name, position, department }
        writer.add('staff', person.id, { name, position, department, level })
        staffByLevel[level].push(person)
      }
    }
  }
  const staffAlong = [...staffByLevel.department, ...staffByLevel.other]

  // Photos first: they are the only asynchronous part, and the rows below only need their hashes.
  const photos = await makePhotos(prng, targets.photos, new BlobStore(options.dataDir))

  // Enterprises and their contacts.
  const enterprises: EnterpriseRef[] = []
  const names = new Set<string>()
  for (let i = 0; i < targets.enterprises; i++) {
    const [province, city, cityEn] = prng.pick(V.REGIONS)
    const [industry, industryWord, industryEn] = prng.pick(V.INDUSTRIES)
    const english = prng.chance(0.1)
    let name = ''
    for (let attempt = 0; attempt < 20 && (!name || names.has(name)); attempt++) {
      name = english
        ? `${cityEn} ${prng.pick(ENGLISH_TRADES)} ${industryEn} Co., Ltd.`
        : `${city}${prng.pick(V.TRADE_NAMES)}${industryWord}${prng.pick(V.COMPANY_FORMS)}`
    }
    if (names.has(name)) name = `${name}（${i + 1}）`
    names.add(name)
    const created = isoDate(dateMs('2018-01-01') + prng.int(0, 365 * 6) * DAY_MS)
    const id = idAt(created)
    writer.add('enterprises', id, {
      ...ENTERPRISE_DEFAULTS,
      name,
      creditCode: prng.chance(0.8) ? creditCode(prng) : '',
      industry,
      region: `${province}${city === province ? '' : city}`,
      address: english ? `No. ${prng.int(1, 999)} ${prng.pick(['Xinghu', 'Renmin', 'Changjiang', 'Jinji'])} Road, ${cityEn}` : `${city}市${prng.pick(['高新区', '经开区', '工业园区'])}${prng.pick(['星湖街', '人民路', '长江路', '金鸡湖大道'])}${prng.int(1, 999)}号`,
      size: prng.pick(ENTERPRISE_SIZES.filter(Boolean)),
      website: prng.chance(0.5) ? `https://www.${prng.pick(ENGLISH_TRADES).toLowerCase()}${i}.com.cn` : '',
      tags: prng.some([industry, ...V.SYMPOSIUM_TOPICS.slice(0, 4), '重点企业', 'Fortune 500 supplier'], prng.int(0, 3)),
      stage: prng.pick(COOPERATION_STAGES),
      owner: '',
      profile: `${name}是一家${industry}企业，主营${prng.pick(V.TECH_TERMS)}相关产品，员工约${prng.int(50, 5000)}人，${prng.chance(0.5) ? '与学校有多年合作。' : '今年首次接洽。'}`,
    })
    const contacts: EnterpriseRef['contacts'] = []
    for (let c = 0; c < CONTACTS_PER_ENTERPRISE; c++) {
      const contact = { id: idAt(created), name: personName(prng), title: prng.pick(V.ENTERPRISE_TITLES) }
      writer.add('contacts', contact.id, {
        ...CONTACT_DEFAULTS,
        enterpriseId: id,
        name: contact.name,
        title: contact.title,
        phone: `1${prng.pick(['38', '39', '58', '86', '77'])}${String(prng.int(0, 99_999_999)).padStart(8, '0')}`,
        email: c === 0 && prng.chance(0.5) ? `hr${i}@${prng.pick(ENGLISH_TRADES).toLowerCase()}.com.cn` : '',
        notes: c === 0 ? '主要对接人' : '',
        wechat: c === 0 ? `${contact.id.slice(-8)}_wx` : '',
        isPrimary: c === 0,
      })
      contacts.push(contact)
    }
    enterprises.push({ id, name, city, contacts })
  }

  // Trips across the years, each with its group, and its enterprise slots (itinerary, visit, symposium, survey…).
  const visitIds: { id: string; place: string; date: string }[] = []
  let slotIndex = 0
  let remarkIndex = 0
  let surveyIndex = 0
  let positionIndex = 0
  let actionIndex = 0
  const totalSlots = targets.symposiums
  for (let t = 0; t < targets.trips; t++) {
    const year = 2019 + Math.floor((t * 7) / targets.trips)
    const start = dateMs(`${year}-03-01`) + prng.int(0, 270) * DAY_MS
    const days = prng.int(2, 5)
    const startDate = isoDate(start)
    const endDate = isoDate(start + (days - 1) * DAY_MS)
    const provinces = prng.some([...new Set(V.REGIONS.map((r) => r[0]))], prng.int(1, 3))
    const status = endDate < '2022-01-01' ? 'archived' : endDate < SAMPLE_TODAY ? 'completed' : startDate <= SAMPLE_TODAY ? 'ongoing' : 'planned'
    const tripId = idAt(startDate)
    const english = prng.chance(0.1)
    writer.add('trips', tripId, {
      title: english ? `${year} ${provinces.length > 1 ? 'multi-province' : 'regional'} enterprise visits #${t + 1}` : `${year}年${prng.pick(V.TRIP_SEASONS)}${provinces.join('、')}访企拓岗调研（第${t + 1}批）`,
      purpose: prng.pick(V.TRIP_PURPOSES),
      startDate,
      endDate,
      regions: provinces,
      status,
    })
    const members: MemberRef[] = []
    for (let m = 0; m < MEMBERS_PER_TRIP; m++) {
      // Drawn as before so the seed's records stay the same; the person comes from the staff directory.
      void (m === 0 ? V.SCHOOL_POSITIONS[prng.int(0, 1)]! : prng.pick(V.SCHOOL_POSITIONS.slice(2)))
      const memberId = idAt(startDate)
      void personName(prng)
      const taken = new Set(members.map((other) => other.name))
      let person = m === 0 ? campaignPrng.pick(staffByLevel.school) : campaignPrng.pick(staffAlong)
      while (taken.has(person.name)) person = campaignPrng.pick(staffAlong)
      const member = { id: memberId, name: person.name, title: person.position }
      writer.add('trip_members', member.id, { tripId, name: person.name, position: person.position, department: person.department, isLeader: m === 0, sortKey: m, staffId: person.id })
      members.push(member)
    }

    const slots = share(totalSlots, targets.trips, t)
    for (let s = 0; s < slots; s++, slotIndex++) {
      // Skewed: the busiest partner gets a few dozen visits over the years, most enterprises one or two.
      const enterprise = enterprises[prng.skewedIndex(enterprises.length, 1.5)]!
      const date = isoDate(start + (s % days) * DAY_MS)
      writer.add('itinerary', idAt(date), { tripId, enterpriseId: enterprise.id, day: date, note: prng.chance(0.3) ? `${prng.int(8, 16)}:00 到达，${enterprise.contacts[0]!.name}接待` : '' })

      // The site visit and its stops.
      const visitId = idAt(date)
      const places = prng.some(V.VISIT_PLACES, STOPS_PER_VISIT)
      writer.add('visits', visitId, {
        tripId,
        enterpriseId: enterprise.id,
        date,
        title: `参观${enterprise.name}${places[0]}`,
        participantIds: members.slice(0, prng.int(1, members.length)).map((m) => m.id),
        summary: fill(prng.pick(V.OBSERVATIONS), prng),
      })
      places.forEach((place, k) =>
        writer.add('visit_stops', idAt(date), { visitId, place, observation: fill(prng.pick(V.OBSERVATIONS), prng), sortKey: k }),
      )
      visitIds.push({ id: visitId, place: places[0]!, date })

      // The symposium, who sat at the table, and the running minutes.
      const symposiumId = idAt(date)
      const host = enterprise.contacts[0]!
      writer.add('symposiums', symposiumId, {
        tripId,
        enterpriseId: enterprise.id,
        date,
        place: `${enterprise.name}${prng.pick(['第一会议室', '行政楼三楼会议室', '培训中心'])}`,
        title: `${prng.pick(V.SYMPOSIUM_TOPICS)}座谈会`,
        presidedBy: `${host.name}（${host.title}）`,
        topics: prng.some(V.SYMPOSIUM_TOPICS, prng.int(1, 3)),
        consensus: prng.some(V.CONSENSUS, prng.int(0, 3)).map((c) => fill(c, prng)),
      })
      const speakers: string[] = []
      members.slice(0, SCHOOL_ATTENDEES).forEach((member, k) => {
        const attendeeId = idAt(date)
        writer.add('attendees', attendeeId, { symposiumId, side: 'school', name: member.name, title: member.title, memberId: member.id, contactId: '', sortKey: k })
        speakers.push(attendeeId)
      })
      enterprise.contacts.slice(0, ENTERPRISE_ATTENDEES).forEach((contact, k) => {
        const attendeeId = idAt(date)
        writer.add('attendees', attendeeId, { symposiumId, side: 'enterprise', name: contact.name, title: contact.title, memberId: '', contactId: contact.id, sortKey: SCHOOL_ATTENDEES + k })
        speakers.push(attendeeId)
      })
      const remarks = share(targets.remarks, totalSlots, slotIndex)
      for (let r = 0; r < remarks; r++, remarkIndex++) {
        const minute = 9 * 60 + 30 + r * 3
        writer.add('remarks', idAt(date), {
          symposiumId,
          speakerId: prng.chance(0.9) ? prng.pick(speakers) : '',
          text: fill(prng.pick(V.REMARK_TEMPLATES), prng, { c: enterprise.city }),
          isQuote: prng.chance(0.08),
          spokenAt: `${date}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+08:00`,
          sortKey: r,
        })
      }

      // The talent-demand survey and its positions.
      if (surveyIndex < targets.surveys) {
        const surveyId = idAt(date)
        const respondent = enterprise.contacts[1] ?? host
        writer.add('surveys', surveyId, {
          tripId,
          enterpriseId: enterprise.id,
          date,
          respondent: respondent.name,
          respondentTitle: respondent.title,
          answers: {},
          notes: prng.chance(0.5) ? fill('企业计划扩产，{p}需求明显增加，希望{m}专业学生提前进厂实习。', prng) : '',
          status: prng.chance(0.8) ? 'complete' : 'draft',
        })
        const rows = share(targets.positions, targets.surveys, surveyIndex)
        for (let p = 0; p < rows; p++, positionIndex++) {
          const payMin = prng.chance(0.85) ? prng.int(6, 14) * 500 : 0
          writer.add('positions', idAt(date), {
            surveyId,
            title: prng.pick(V.POSITION_TITLES),
            headcount: prng.int(1, 20),
            kind: prng.chance(0.7) ? 'employment' : 'internship',
            majors: prng.some(V.MAJORS, prng.int(1, 3)),
            skills: prng.some(V.SKILLS, prng.int(1, 3)).join('；'),
            certificates: prng.pick(V.CERTIFICATES),
            education: prng.pick(EDUCATION_LEVELS),
            payMin,
            payMax: payMin ? payMin + prng.int(1, 6) * 500 : 0,
            startTiming: prng.pick(V.TIMINGS),
            sortKey: p,
          })
        }
        surveyIndex++
      }

      // Agreements, at about one slot in four.
      if (prng.chance(0.25)) {
        const kind = prng.pick(AGREEMENT_KINDS)
        const agreementStatus = prng.pick(AGREEMENT_STATUSES)
        const signed = agreementStatus !== 'consensus'
        writer.add('agreements', idAt(date), {
          tripId,
          enterpriseId: enterprise.id,
          title: `${enterprise.name}${V.AGREEMENT_TITLES[kind]}`,
          kind,
          status: agreementStatus,
          signedDate: signed ? date : '',
          parties: `学校与${enterprise.name}`,
          amountYuan: prng.chance(0.4) ? prng.int(1, 500) * 10_000 : 0,
          positions: prng.int(0, 80),
          termStart: signed ? date : '',
          termEnd: signed ? isoDate(dateMs(date) + 3 * 365 * DAY_MS) : '',
          owner: prng.pick(members).name,
          terms: fill('双方共建{t}方向订单班，企业提供不少于{n}个实习岗位，学校按企业标准调整课程。', prng),
        })
      }

      // Follow-ups: due after the trip; the old ones mostly done, some left open and overdue.
      const actions = share(targets.actions, totalSlots, slotIndex)
      for (let a = 0; a < actions; a++, actionIndex++) {
        const dueDate = isoDate(dateMs(endDate) + prng.int(7, 180) * DAY_MS)
        const old = dueDate < SAMPLE_TODAY
        writer.add('actions', idAt(date), {
          tripId,
          enterpriseId: enterprise.id,
          title: fill(prng.pick(V.ACTION_TITLES), prng),
          owner: prng.pick(members).name,
          dueDate: prng.chance(0.9) ? dueDate : '',
          status: old ? (prng.chance(0.85) ? 'done' : prng.pick(['open', 'in_progress', 'cancelled'])) : prng.pick(['open', 'open', 'in_progress']),
          linkedKind: 'symposium',
          linkedId: symposiumId,
          notes: prng.chance(0.3) ? '已电话沟通，等待对方回复。' : '',
        })
      }

      if (prng.chance(0.2)) {
        writer.add('notes', idAt(date), {
          tripId,
          enterpriseId: enterprise.id,
          kind: prng.pick(['note', 'problem', 'suggestion', 'history']),
          text: fill(prng.pick(V.NOTES), prng),
          date,
        })
      }
    }
  }

  // Between trips, every third enterprise's main contact was called or messaged once in the spring.
  const CHANNELS = ['phone', 'wechat', 'email', 'meeting', 'visit'] as const
  enterprises.forEach((enterprise, i) => {
    if (i % 3 !== 0) return
    const contact = enterprise.contacts[0]!
    const date = isoDate(dateMs(SAMPLE_TODAY) - ((i * 7) % 120) * DAY_MS)
    writer.add('interactions', idAt(date), {
      enterpriseId: enterprise.id,
      channel: CHANNELS[i % CHANNELS.length],
      date,
      ourSide: '',
      contactId: contact.id,
      theirSide: contact.name,
      summary: fill(prng.pick(V.ACTION_TITLES), prng),
      nextStep: '',
      actionId: '',
    })
  })

  // Photos, spread over the visits; a few hundred distinct images are reused, as the same shot is taken often.
  for (let k = 0; k < targets.photos; k++) {
    const visit = visitIds[Math.floor((k * visitIds.length) / targets.photos)]!
    const photo: SamplePhoto = photos[k % photos.length]!
    writer.add('attachments', idAt(visit.date), {
      ownerKind: 'visit',
      ownerId: visit.id,
      hash: photo.hash,
      size: photo.size,
      mime: photo.mime,
      fileName: `IMG_${visit.date.replaceAll('-', '')}_${String(k + 1).padStart(4, '0')}.${photo.mime === 'image/png' ? 'png' : 'jpg'}`,
      caption: prng.chance(0.9) ? `${visit.place}现场` : 'Production line',
      width: photo.width,
      height: photo.height,
    })
  }
  addQuickVisits(writer, campaignPrng, options.quickVisits ?? (options.size === 'L' ? QUICK_VISITS_AT_L : 0), enterprises, staffByLevel)
  writer.flush()

  return {
    size: options.size,
    seed,
    counts: writer.counts,
    changes: writer.changes,
    distinctPhotos: photos.length,
    ms: Math.round(performance.now() - started),
  }
}

/**
 * Quick visits spread over the campaign year up to SAMPLE_TODAY, stored as the quick-visit form stores them: a
 * one-day trip, its group linked to the directory, a site visit they all attended, often a survey of the positions
 * offered, sometimes an agreement and a follow-up. Mostly led by college leaders, the rest by heads of departments.
 */
function addQuickVisits(
  writer: ChangeWriter,
  prng: Prng,
  count: number,
  enterprises: readonly EnterpriseRef[],
  staffByLevel: Record<'school' | 'department' | 'other', StaffRef[]>,
): void {
  const yearStart = `${SAMPLE_TODAY.slice(0, 4)}-01-01`
  const days = Math.round((dateMs(SAMPLE_TODAY) - dateMs(yearStart)) / DAY_MS) + 1
  for (let q = 0; q < count; q++) {
    const date = isoDate(dateMs(yearStart) + Math.floor((q * days) / count) * DAY_MS)
    const at = dateMs(date) + 14 * 3600_000 + q
    const enterprise = enterprises[prng.skewedIndex(enterprises.length, 1.3)]!
    const lead = prng.chance(0.7) ? prng.pick(staffByLevel.school) : prng.pick(staffByLevel.department)
    const people = [lead, ...prng.some([...staffByLevel.department, ...staffByLevel.other].filter((p) => p.id !== lead.id), prng.int(0, 2))]
    const tripId = seededId(prng, at)
    writer.add('trips', tripId, {
      title: `走访${enterprise.name}`,
      purpose: '访企拓岗促就业',
      startDate: date,
      endDate: date,
      regions: [],
      status: 'completed',
    })
    const memberIds = people.map((person, index) => {
      const id = seededId(prng, at)
      writer.add('trip_members', id, { tripId, name: person.name, position: person.position, department: person.department, isLeader: index === 0, sortKey: index, staffId: person.id })
      return id
    })
    const visitId = seededId(prng, at)
    writer.add('visits', visitId, {
      tripId,
      enterpriseId: enterprise.id,
      date,
      title: `走访${enterprise.name}`,
      participantIds: memberIds,
      summary: fill(prng.pick(V.CONSENSUS), prng),
    })
    if (prng.chance(0.7)) {
      const surveyId = seededId(prng, at)
      writer.add('surveys', surveyId, { tripId, enterpriseId: enterprise.id, date, respondent: '', respondentTitle: '', answers: {}, notes: '', status: 'complete' })
      const rows = [
        { kind: 'employment', headcount: prng.int(0, 30), title: '就业岗位' },
        { kind: 'internship', headcount: prng.int(0, 20), title: '实习岗位' },
      ]
      rows.forEach((row, index) => {
        if (row.headcount === 0) return
        writer.add('positions', seededId(prng, at), {
          surveyId,
          title: row.title,
          headcount: row.headcount,
          kind: row.kind,
          majors: [],
          skills: '',
          certificates: '',
          education: '',
          payMin: 0,
          payMax: 0,
          startTiming: '',
          sortKey: index,
        })
      })
    }
    if (prng.chance(0.2)) {
      const kind = prng.pick(AGREEMENT_KINDS)
      writer.add('agreements', seededId(prng, at), {
        tripId,
        enterpriseId: enterprise.id,
        title: `${enterprise.name}${V.AGREEMENT_TITLES[kind]}`,
        kind,
        status: 'consensus',
        signedDate: '',
        parties: '',
        amountYuan: 0,
        positions: prng.int(0, 50),
        termStart: '',
        termEnd: '',
        owner: lead.name,
        terms: '',
      })
    }
    if (prng.chance(0.5)) {
      writer.add('actions', seededId(prng, at), {
        tripId,
        enterpriseId: enterprise.id,
        title: fill(prng.pick(V.ACTION_TITLES), prng),
        owner: lead.name,
        dueDate: isoDate(dateMs(date) + prng.int(7, 60) * DAY_MS),
        status: 'open',
        linkedKind: 'visit',
        linkedId: visitId,
        notes: '',
      })
    }
  }
}
