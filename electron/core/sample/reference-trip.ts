import type { RecordServices } from '../domain/registry'

export type SampleLanguage = 'zh' | 'en'
type Text = { zh: string; en: string }

/**
 * The sample trip a new user can load: a four-day visit to two enterprises in Anhui and Jiangsu, with its
 * group, site visit, symposiums, agreements, surveys and follow-ups. Written in our own words, in Chinese, with
 * English for users whose language is English. Every figure on the dashboard is computed from these records.
 */
const T = {
  tripTitle: { zh: '皖苏两省访企拓岗调研', en: 'Anhui–Jiangsu enterprise visits for jobs' },
  purpose: {
    zh: '落实稳就业、保就业部署，走访合作企业拓展就业岗位，深化校企合作，推进资源共享、人才共育、发展共赢的产教融合。',
    en: 'Visit partner enterprises to open up jobs for our graduates and deepen school–enterprise cooperation: shared resources, jointly trained talent, growth for both sides.',
  },
  regions: [
    { zh: '安徽', en: 'Anhui' },
    { zh: '江苏', en: 'Jiangsu' },
  ],
  leader: { zh: '寇德林', en: 'Kou Delin' },
  leaderTitle: { zh: '董事长', en: 'Chairman' },
  cooperationHead: { zh: '刘明', en: 'Liu Ming' },
  cooperationTitle: { zh: '校企合作中心主任', en: 'Head, School–Enterprise Cooperation Centre' },
  secretariatHead: { zh: '陈静', en: 'Chen Jing' },
  secretariatTitle: { zh: '秘书处处长', en: 'Head of the Secretariat' },
  college: { zh: '学校', en: 'The college' },
  qicai: { zh: '石台七彩灵慧智能科技有限公司', en: 'Shitai Qicai Linghui Intelligent Technology Co., Ltd.' },
  qicaiIndustry: { zh: '富硒饮用水及智能制造', en: 'Selenium-rich drinking water; smart manufacturing' },
  qicaiRegion: { zh: '安徽省池州市石台县', en: 'Shitai County, Chizhou, Anhui' },
  qicaiAddress: { zh: '石台县温森卡富硒产业园', en: 'Wensenka Selenium Industrial Park, Shitai' },
  tagWater: { zh: '富硒饮用水', en: 'Drinking water' },
  tagSmart: { zh: '智能制造', en: 'Smart manufacturing' },
  huirun: { zh: '汇润集团（苏州）', en: 'Huirun Group (Suzhou)' },
  huirunIndustry: { zh: '智能制造', en: 'Intelligent manufacturing' },
  huirunRegion: { zh: '江苏省苏州市', en: 'Suzhou, Jiangsu' },
  huirunAddress: { zh: '苏州市汇润集团总部', en: 'Huirun Group headquarters, Suzhou' },
  zengJian: { zh: '曾健', en: 'Zeng Jian' },
  generalManager: { zh: '总经理', en: 'General manager' },
  zengHui: { zh: '曾辉', en: 'Zeng Hui' },
  groupChairman: { zh: '集团董事长', en: 'Group chairman' },
  smartDeptHead: { zh: '智能制造事业部负责人', en: 'Head of the intelligent manufacturing division' },
  hrManager: { zh: '人力资源部经理', en: 'HR manager' },
  visitTitle: { zh: '参观硒泉水源地与灌装生产线', en: 'Tour of the selenium spring source and bottling line' },
  stop1: { zh: '温森卡硒泉水源地', en: 'Wensenka selenium spring source' },
  stop1Note: {
    zh: '水源地保护严格，取水、检测全过程有记录；企业介绍了富硒水的开发思路和品牌规划。',
    en: 'The source is strictly protected and every intake and test is logged; the company explained how it develops its selenium-rich water brand.',
  },
  stop2: { zh: '硒泉水后段灌装生产线', en: 'Post-production bottling line' },
  stop2Note: {
    zh: '灌装、贴标、装箱基本自动化，现场需要懂设备维护和质量检测的一线技术工人。',
    en: 'Filling, labelling and packing are largely automated; the line needs technicians who can maintain equipment and run quality checks.',
  },
  sym1Title: { zh: '校企合作座谈会', en: 'School–enterprise cooperation symposium' },
  sym1Place: { zh: '七彩灵慧公司会议室', en: 'Qicai Linghui meeting room' },
  sym1Topic: { zh: '高技能人才培养体系建设', en: 'Building a system for training highly skilled workers' },
  sym1Remark1: {
    zh: '我们的生产线越来越自动化，最缺的是既懂设备又肯扎根一线的技术工人。',
    en: 'Our lines are more and more automated; what we lack most are technicians who understand the machines and want to stay on the shop floor.',
  },
  sym1Remark2: {
    zh: '这次合作要把企业最前沿的技术带进课堂，让职业教育真正长出产业的基因。',
    en: "This partnership should bring the company's newest technology into our classrooms, so vocational education truly grows from industry.",
  },
  sym1Remark3: {
    zh: '建议开设产业工人定向班，招生即招工、入校即入企，考核合格直接到公司就业。',
    en: 'We propose an industrial-worker orientation class: enrolment is recruitment, school is the workplace, and graduates who pass go straight to a job here.',
  },
  sym1Consensus: {
    zh: '双方在人才培养领域达成战略合作共识，设立“产业工人定向班”。',
    en: 'Both sides agree on strategic cooperation in training talent and will set up an industrial-worker orientation class.',
  },
  sym2Title: { zh: '智能制造产教融合座谈会', en: 'Symposium on industry–education integration in intelligent manufacturing' },
  sym2Place: { zh: '汇润集团总部', en: 'Huirun Group headquarters' },
  sym2Topic: { zh: '智能制造产业学院阶段成果与下一步合作', en: 'Results of the joint industry college and next steps' },
  sym2Remark1: {
    zh: '产业学院成立以来已培养 150 多名专业人才，八成五的毕业生通过现代学徒制实现了高质量就业。',
    en: 'Since it opened, the industry college has trained more than 150 specialists, and 85% of graduates found good jobs through modern apprenticeship.',
  },
  sym2Remark2: {
    zh: '职业教育只有扎根产业，才能培养出下得去、用得上、留得住的技术技能人才。',
    en: 'Only when vocational education is rooted in industry can it train skilled people who will go where they are needed, be useful, and stay.',
  },
  sym2Remark3: {
    zh: '集团愿意投入 500 万元在学校共建实训中心，一起申报省级产教融合共同体。',
    en: 'The group is willing to invest 5 million yuan in a training centre on campus and to apply together for a provincial industry–education community.',
  },
  sym2Consensus1: { zh: '专业升级：增设工业互联网技术、智能装备设计等前沿专业，开发模块化课程。', en: 'Upgrade majors: add Industrial Internet Technology and Intelligent Equipment Design, with modular courses.' },
  sym2Consensus2: { zh: '基地升级：企业投资 500 万元在校内共建智能装备运维实训中心。', en: 'Upgrade the base: the company invests 5 million yuan in an intelligent equipment O&M training centre on campus.' },
  sym2Consensus3: { zh: '融合升级：联合申报省级智能制造产教融合共同体。', en: 'Deepen integration: jointly apply for a provincial intelligent manufacturing industry–education community.' },
  agreement1: { zh: '产业工人定向班合作协议', en: 'Industrial-worker orientation class agreement' },
  agreement1Terms: {
    zh: '招生即招工、入校即入企；学生在校期间到企业实训，考核合格后直接入职。',
    en: 'Enrolment is recruitment and school is the workplace; students train at the company and go straight to a job once they pass the assessment.',
  },
  agreement2: { zh: '智能制造产业学院深化合作协议', en: 'Agreement to deepen the joint intelligent manufacturing college' },
  agreement2Terms: {
    zh: '继续以现代学徒制共育工业机器人操作、智能设备维护等方向人才。',
    en: 'Keep training industrial robot operators and smart equipment maintainers together through modern apprenticeship.',
  },
  agreement3: { zh: '智能装备运维实训中心共建', en: 'Joint intelligent equipment O&M training centre' },
  agreement3Terms: { zh: '覆盖工业机器人调试、PLC 控制技术等实训模块。', en: 'Covers industrial robot commissioning, PLC control and other training modules.' },
  agreement4: { zh: '新增工业互联网技术、智能装备设计专业', en: 'New majors: Industrial Internet Technology, Intelligent Equipment Design' },
  agreement5: { zh: '联合申报省级智能制造产教融合共同体', en: 'Joint application for a provincial industry–education community' },
  history: {
    zh: '2023 年双方共建“智能制造产业学院”，已培养工业机器人操作、智能设备维护等专业人才 150 余名，85% 的毕业生通过现代学徒制高质量就业。',
    en: 'In 2023 both sides founded a joint intelligent manufacturing college; it has trained over 150 specialists in robot operation and smart equipment maintenance, and 85% of graduates found good jobs through modern apprenticeship.',
  },
  problem: {
    zh: '企业对设备维护、质量检测岗位需求大，但现有专业课程与自动化产线衔接不够。',
    en: 'Enterprises need many maintenance and quality-control technicians, but our courses do not yet match automated production lines closely enough.',
  },
  suggestion: {
    zh: '建立一企一档，动态跟踪企业需求变化；按岗位需求调整专业布局、提升教学质量。',
    en: 'Keep one file per enterprise and track how its needs change; adjust our majors to the positions and raise teaching quality.',
  },
  action1: { zh: '建立“一企一档”合作机制，动态跟踪企业需求', en: 'Set up one file per enterprise and track each one’s needs' },
  action2: { zh: '启动“产业导师进校园”计划，年内邀请 50 名行业专家授课', en: 'Launch the industry-mentor programme: 50 experts teach on campus this year' },
  action3: { zh: '搭建“线上+线下”就业服务平台，实现岗位精准对接', en: 'Build an online and offline job service to match graduates with positions' },
  cooperationCentre: { zh: '校企合作中心', en: 'Cooperation Centre' },
  employmentOffice: { zh: '招生就业处', en: 'Employment Office' },
  respondentQicai: { zh: '王芳', en: 'Wang Fang' },
  respondentHuirun: { zh: '李强', en: 'Li Qiang' },
  majorsMechatronics: { zh: '机电一体化技术', en: 'Mechatronics' },
  majorsRobotics: { zh: '工业机器人技术', en: 'Industrial Robotics' },
  majorsFood: { zh: '食品检验检测技术', en: 'Food Testing' },
  majorsElectrical: { zh: '电气自动化技术', en: 'Electrical Automation' },
  majorsIIoT: { zh: '工业互联网技术', en: 'Industrial Internet Technology' },
  posLineOperator: { zh: '灌装生产线操作工', en: 'Bottling line operator' },
  posMaintenance: { zh: '设备维护技术员', en: 'Equipment maintenance technician' },
  posQuality: { zh: '质量检测员', en: 'Quality inspector' },
  posLineIntern: { zh: '生产线实习生', en: 'Production line intern' },
  posRobot: { zh: '工业机器人运维工程师', en: 'Industrial robot O&M engineer' },
  posPlc: { zh: 'PLC 电气调试员', en: 'PLC commissioning technician' },
  posAssembly: { zh: '智能装备装调实习生', en: 'Smart equipment assembly intern' },
  posIIoT: { zh: '工业互联网运维实习生', en: 'Industrial internet O&M intern' },
  skillsPlc: { zh: 'PLC 编程、电气识图', en: 'PLC programming, reading wiring diagrams' },
  skillsRobot: { zh: '工业机器人示教编程与维护', en: 'Robot teach-pendant programming and maintenance' },
  timingSummer: { zh: '2025 年 7 月', en: 'July 2025' },
  timingAutumn: { zh: '2025 年 9 月', en: 'September 2025' },
} satisfies Record<string, Text | Text[]>

export interface SampleTripResult {
  tripId: string
  title: string
}

/** Builds the sample trip through the same record services as every user edit. */
export function loadSampleTrip(records: RecordServices, language: SampleLanguage): SampleTripResult {
  const s = (text: Text) => text[language]
  const create = <K extends keyof RecordServices>(kind: K, input: Record<string, unknown>) => records[kind].create(input)

  const trip = create('trip', {
    title: s(T.tripTitle),
    purpose: s(T.purpose),
    startDate: '2025-05-16',
    endDate: '2025-05-19',
    regions: T.regions.map(s),
    status: 'completed',
  })
  const tripId = trip.id
  const leader = create('member', { tripId, name: s(T.leader), position: s(T.leaderTitle), isLeader: true, sortKey: 1 })
  const coop = create('member', { tripId, name: s(T.cooperationHead), position: s(T.cooperationTitle), sortKey: 2 })
  const secretariat = create('member', { tripId, name: s(T.secretariatHead), position: s(T.secretariatTitle), sortKey: 3 })

  // Enterprise files outlive trips: loading the sample again reuses them rather than filing them twice.
  const enterprise = (input: { name: string } & Record<string, unknown>) => {
    const same = records.enterprise.findSame(input)
    return same ? records.enterprise.get(same.enterprise.id) : create('enterprise', input)
  }
  const qicai = enterprise({
    name: s(T.qicai),
    industry: s(T.qicaiIndustry),
    region: s(T.qicaiRegion),
    address: s(T.qicaiAddress),
    size: 'medium',
    stage: 'cooperating',
    tags: [s(T.tagWater), s(T.tagSmart)],
  })
  const huirun = enterprise({
    name: s(T.huirun),
    industry: s(T.huirunIndustry),
    region: s(T.huirunRegion),
    address: s(T.huirunAddress),
    size: 'large',
    stage: 'cooperating',
    tags: [s(T.tagSmart)],
  })
  const zengJian = create('contact', { enterpriseId: qicai.id, name: s(T.zengJian), title: s(T.generalManager) })
  const zengHui = create('contact', { enterpriseId: huirun.id, name: s(T.zengHui), title: s(T.groupChairman) })
  const huirunZengJian = create('contact', { enterpriseId: huirun.id, name: s(T.zengJian), title: s(T.smartDeptHead) })

  create('itinerary', { tripId, enterpriseId: qicai.id, day: '2025-05-16' })
  create('itinerary', { tripId, enterpriseId: qicai.id, day: '2025-05-17' })
  create('itinerary', { tripId, enterpriseId: huirun.id, day: '2025-05-18' })

  const visit = create('visit', {
    tripId,
    enterpriseId: qicai.id,
    date: '2025-05-16',
    title: s(T.visitTitle),
    participantIds: [leader.id, coop.id, secretariat.id],
  })
  create('visitStop', { visitId: visit.id, place: s(T.stop1), observation: s(T.stop1Note), sortKey: 1 })
  create('visitStop', { visitId: visit.id, place: s(T.stop2), observation: s(T.stop2Note), sortKey: 2 })

  // Symposium at the first enterprise, presided over by its general manager.
  const sym1 = create('symposium', {
    tripId,
    enterpriseId: qicai.id,
    date: '2025-05-16',
    place: s(T.sym1Place),
    title: s(T.sym1Title),
    presidedBy: s(T.zengJian),
    topics: [s(T.sym1Topic)],
    consensus: [s(T.sym1Consensus)],
  })
  const attendee = (symposiumId: string, side: string, name: Text, title: Text, sortKey: number, link: Record<string, string>) =>
    create('attendee', { symposiumId, side, name: s(name), title: s(title), sortKey, ...link })
  const a1Zeng = attendee(sym1.id, 'enterprise', T.zengJian, T.generalManager, 1, { contactId: zengJian.id })
  const a1Kou = attendee(sym1.id, 'school', T.leader, T.leaderTitle, 2, { memberId: leader.id })
  attendee(sym1.id, 'school', T.cooperationHead, T.cooperationTitle, 3, { memberId: coop.id })
  const remark = (symposiumId: string, speakerId: string, text: Text, spokenAt: string, sortKey: number, isQuote = false) =>
    create('remark', { symposiumId, speakerId, text: s(text), spokenAt, sortKey, isQuote })
  remark(sym1.id, a1Zeng.id, T.sym1Remark1, '2025-05-16T15:05:00+08:00', 1)
  remark(sym1.id, a1Kou.id, T.sym1Remark2, '2025-05-16T15:20:00+08:00', 2, true)
  remark(sym1.id, a1Zeng.id, T.sym1Remark3, '2025-05-16T15:40:00+08:00', 3)

  // Symposium at the group's headquarters.
  const sym2 = create('symposium', {
    tripId,
    enterpriseId: huirun.id,
    date: '2025-05-18',
    place: s(T.sym2Place),
    title: s(T.sym2Title),
    presidedBy: s(T.zengHui),
    topics: [s(T.sym2Topic)],
    consensus: [s(T.sym2Consensus1), s(T.sym2Consensus2), s(T.sym2Consensus3)],
  })
  const a2Hui = attendee(sym2.id, 'enterprise', T.zengHui, T.groupChairman, 1, { contactId: zengHui.id })
  const a2Jian = attendee(sym2.id, 'enterprise', T.zengJian, T.smartDeptHead, 2, { contactId: huirunZengJian.id })
  const a2Kou = attendee(sym2.id, 'school', T.leader, T.leaderTitle, 3, { memberId: leader.id })
  remark(sym2.id, a2Jian.id, T.sym2Remark1, '2025-05-18T10:10:00+08:00', 1)
  remark(sym2.id, a2Kou.id, T.sym2Remark2, '2025-05-18T10:35:00+08:00', 2, true)
  remark(sym2.id, a2Hui.id, T.sym2Remark3, '2025-05-18T10:50:00+08:00', 3)

  const agreement = (enterpriseId: string, title: Text, kind: string, status: string, extra: Record<string, unknown>) =>
    create('agreement', { tripId, enterpriseId, title: s(title), kind, status, ...extra })
  agreement(qicai.id, T.agreement1, 'order_class', 'signed', {
    signedDate: '2025-05-16',
    parties: `${s(T.college)}; ${s(T.qicai)}`,
    positions: 40,
    owner: s(T.cooperationCentre),
    terms: s(T.agreement1Terms),
  })
  agreement(huirun.id, T.agreement2, 'industry_college', 'signed', {
    signedDate: '2025-05-18',
    parties: `${s(T.college)}; ${s(T.huirun)}`,
    owner: s(T.cooperationCentre),
    terms: s(T.agreement2Terms),
  })
  agreement(huirun.id, T.agreement3, 'training_base', 'consensus', { amountYuan: 5_000_000, owner: s(T.cooperationCentre), terms: s(T.agreement3Terms) })
  agreement(huirun.id, T.agreement4, 'other', 'consensus', { owner: s(T.cooperationCentre) })
  agreement(huirun.id, T.agreement5, 'industry_college', 'consensus', { owner: s(T.cooperationCentre) })

  // Two talent-demand surveys: 120 + 195 = 315 positions.
  const survey = (enterpriseId: string, date: string, respondent: Text, positions: Record<string, unknown>[]) => {
    const created = create('survey', { tripId, enterpriseId, date, respondent: s(respondent), respondentTitle: s(T.hrManager), status: 'complete' })
    positions.forEach((position, index) => create('position', { surveyId: created.id, sortKey: index + 1, ...position }))
    return created
  }
  survey(qicai.id, '2025-05-16', T.respondentQicai, [
    { title: s(T.posLineOperator), headcount: 50, kind: 'employment', majors: [s(T.majorsMechatronics)], education: 'associate', payMin: 4500, payMax: 6000, startTiming: s(T.timingSummer) },
    { title: s(T.posMaintenance), headcount: 20, kind: 'employment', majors: [s(T.majorsMechatronics), s(T.majorsElectrical)], skills: s(T.skillsPlc), education: 'associate', payMin: 5500, payMax: 7500, startTiming: s(T.timingSummer) },
    { title: s(T.posQuality), headcount: 10, kind: 'employment', majors: [s(T.majorsFood)], education: 'associate', payMin: 4500, payMax: 6000, startTiming: s(T.timingSummer) },
    { title: s(T.posLineIntern), headcount: 40, kind: 'internship', majors: [s(T.majorsMechatronics)], startTiming: s(T.timingAutumn) },
  ])
  survey(huirun.id, '2025-05-18', T.respondentHuirun, [
    { title: s(T.posRobot), headcount: 60, kind: 'employment', majors: [s(T.majorsRobotics)], skills: s(T.skillsRobot), education: 'associate', payMin: 6500, payMax: 9000, startTiming: s(T.timingSummer) },
    { title: s(T.posPlc), headcount: 45, kind: 'employment', majors: [s(T.majorsElectrical)], skills: s(T.skillsPlc), education: 'associate', payMin: 6000, payMax: 8500, startTiming: s(T.timingSummer) },
    { title: s(T.posAssembly), headcount: 60, kind: 'internship', majors: [s(T.majorsRobotics), s(T.majorsMechatronics)], startTiming: s(T.timingAutumn) },
    { title: s(T.posIIoT), headcount: 30, kind: 'internship', majors: [s(T.majorsIIoT)], startTiming: s(T.timingAutumn) },
  ])

  create('note', { enterpriseId: huirun.id, kind: 'history', text: s(T.history), date: '2023-09-01' })
  create('note', { tripId, kind: 'problem', text: s(T.problem), date: '2025-05-19' })
  create('note', { tripId, kind: 'suggestion', text: s(T.suggestion), date: '2025-05-19' })

  create('action', { tripId, title: s(T.action1), owner: s(T.cooperationCentre), dueDate: '2025-06-30', status: 'in_progress' })
  create('action', { tripId, title: s(T.action2), owner: s(T.cooperationCentre), dueDate: '2025-12-31' })
  create('action', { tripId, title: s(T.action3), owner: s(T.employmentOffice), dueDate: '2025-10-31', linkedKind: 'trip', linkedId: tripId })

  return { tripId, title: trip.title as string }
}
