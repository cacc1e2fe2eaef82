/**
 * Word lists for the generated data: places, enterprise names, people, job titles and majors as vocational
 * colleges meet them, with the English terms (PLC, MES, CNC…) that engineers use in Chinese sentences.
 */

/** Province and city, as enterprises are filed. */
export const REGIONS: readonly (readonly [string, string, string])[] = [
  // [province, city, English city]
  ['江苏', '苏州', 'Suzhou'],
  ['江苏', '无锡', 'Wuxi'],
  ['江苏', '常州', 'Changzhou'],
  ['江苏', '南京', 'Nanjing'],
  ['江苏', '南通', 'Nantong'],
  ['安徽', '合肥', 'Hefei'],
  ['安徽', '芜湖', 'Wuhu'],
  ['安徽', '池州', 'Chizhou'],
  ['安徽', '滁州', 'Chuzhou'],
  ['浙江', '杭州', 'Hangzhou'],
  ['浙江', '宁波', 'Ningbo'],
  ['浙江', '嘉兴', 'Jiaxing'],
  ['上海', '上海', 'Shanghai'],
  ['广东', '深圳', 'Shenzhen'],
  ['广东', '东莞', 'Dongguan'],
  ['广东', '佛山', 'Foshan'],
  ['山东', '青岛', 'Qingdao'],
  ['山东', '烟台', 'Yantai'],
  ['湖北', '武汉', 'Wuhan'],
  ['四川', '成都', 'Chengdu'],
  ['福建', '厦门', 'Xiamen'],
  ['河南', '郑州', 'Zhengzhou'],
]

/** 字号: the distinctive part of a company name. */
export const TRADE_NAMES = [
  '汇润', '七彩', '灵慧', '恒力', '华通', '新创', '博远', '精工', '瑞达', '天工', '中科', '鼎盛', '永安', '宏图', '金桥',
  '泰和', '众诚', '明德', '盛世', '启航', '润泽', '亚信', '联创', '光华', '东方', '长城', '海纳', '凯瑞', '德润', '嘉禾',
  '锦程', '蓝天', '鑫源', '卓越', '正泰', '远景', '汇川', '华锐', '智信', '晨光', '万象', '天成', '同力', '安信', '睿智',
  '新锐', '合众', '兴业', '宝德', '思源',
]

/** [industry as filed, the name's industry word, English word]. */
export const INDUSTRIES: readonly (readonly [string, string, string])[] = [
  ['智能制造', '智能科技', 'Intelligent Technology'],
  ['装备制造', '机械制造', 'Machinery'],
  ['汽车零部件', '汽车部件', 'Auto Parts'],
  ['电子信息', '电子', 'Electronics'],
  ['新能源', '新能源科技', 'New Energy'],
  ['生物医药', '生物医药', 'Biopharma'],
  ['食品饮料', '食品', 'Foods'],
  ['现代物流', '物流', 'Logistics'],
  ['软件和信息技术服务', '信息技术', 'Software'],
  ['精密模具', '精密模具', 'Precision Moulds'],
  ['工业机器人', '机器人', 'Robotics'],
  ['新材料', '新材料', 'Advanced Materials'],
  ['电子商务', '电子商务', 'E-commerce'],
  ['轨道交通装备', '轨道装备', 'Rail Equipment'],
]

export const COMPANY_FORMS = ['有限公司', '股份有限公司', '集团有限公司']

export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
export const GIVEN_CHARS = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红梅辉健鹏斌宇浩凯俊帆琳雪晨欣佳怡嘉子轩文博天宁海波亮志坤瑞峰'

export const ENTERPRISE_TITLES = [
  '总经理', '副总经理', '人力资源部经理', '人事主管', '生产总监', '技术总监', '车间主任', '培训主管', '质量部经理', '行政总监',
  '董事长', '招聘专员', 'HR Manager', 'Plant Manager', '工艺工程师',
]
export const SCHOOL_POSITIONS: readonly (readonly [string, string])[] = [
  ['董事长', '校领导'],
  ['校长', '校领导'],
  ['副校长', '校领导'],
  ['校企合作中心主任', '校企合作中心'],
  ['招生就业处处长', '招生就业处'],
  ['秘书处处长', '秘书处'],
  ['智能制造学院院长', '智能制造学院'],
  ['信息工程学院副院长', '信息工程学院'],
  ['专业带头人', '机电工程系'],
  ['辅导员', '学生工作处'],
]

/** Job titles vocational graduates are hired for. */
export const POSITION_TITLES = [
  '设备维护技术员', '数控车床操作工', 'CNC编程员', 'PLC电气工程师助理', '质量检测员', '工业机器人运维员', '生产线班组长', '装配钳工',
  'MES系统实施员', '仓储物流专员', '电商运营专员', '软件测试员', '网络运维工程师', '汽车检测维修技师', '模具设计助理', '焊接技术员',
  '电子装配工', 'SMT工艺技术员', '食品质量检验员', '化验员', '客服专员', '会计助理', '新能源电池测试员', '储能系统运维员',
  '前端开发助理', '数据标注员', '跨境电商专员', '机电一体化技术员', 'AGV调度员', '3D打印技术员',
]

/** Majors (专业) of vocational colleges. */
export const MAJORS = [
  '机电一体化技术', '数控技术', '电气自动化技术', '工业机器人技术', '智能制造装备技术', '模具设计与制造', '汽车检测与维修技术',
  '新能源汽车技术', '计算机网络技术', '软件技术', '大数据技术', '电子商务', '现代物流管理', '大数据与会计', '食品检验检测技术',
  '应用化工技术', '焊接技术与自动化', '电子信息工程技术', '物联网应用技术', '药品生产技术',
]

export const SKILLS = [
  '熟悉PLC编程（西门子S7-1200/1500）', '能看懂机械图纸', '会使用CNC加工中心', '了解MES系统操作', '掌握SMT贴片工艺',
  '能独立完成设备点检', '熟悉ERP系统', '有C语言或Python基础', '掌握CAD/SolidWorks绘图', '了解5S和精益生产', '能适应倒班',
  '具备基本英语读写能力', '掌握工业机器人示教编程', '熟悉质量管理体系ISO 9001',
]

export const CERTIFICATES = ['电工证', '焊工证', '叉车证', 'CAD中级证书', '1+X工业机器人操作与运维证书', '计算机等级二级', '维修电工中级', '质量工程师', '']

export const TIMINGS = ['2025年7月', '2025年9月', '毕业前半年', '随时', '寒假', '暑期', '次年春季', '2026年6月', 'After graduation']

export const TECH_TERMS = ['PLC', 'MES', 'CNC', 'ERP', 'SMT', 'AGV', 'IoT', 'CAD', 'AI质检', '数字孪生', '工业互联网', '5G专网', 'WMS']

/** Remark templates: {t} a tech term, {p} a position, {m} a major, {n} a number, {c} a city. */
export const REMARK_TEMPLATES = [
  '我们目前最缺的是懂{t}的一线技术人员，{p}今年至少还要招{n}人。',
  '学生刚来时动手能力还可以，但对{t}系统的理解不够，需要三个月左右才能上手。',
  '希望学校在{m}专业里增加{t}方面的实训内容，最好用我们产线上的真实案例。',
  '订单班的模式我们很认可，去年留下来的学生现在已经有{n}个当了班组长。',
  '我们可以派工程师到学校当产业导师，每学期讲{n}次课，主要讲{t}的现场应用。',
  '现在产线自动化率很高，普通操作工需求在减少，{p}这类岗位反而越来越难招。',
  '实习期间我们提供食宿，月补贴{n}00元左右，表现好的可以直接转正。',
  '{c}这边企业之间抢人很厉害，校企合作是我们稳定用工的主要渠道。',
  '建议共建一个{t}实训基地，设备由企业提供，学校负责场地和管理。',
  '现代学徒制试点效果不错，师傅带徒弟，学生毕业就能独立顶岗。',
  'For the {p} role we need people who can read drawings and do basic {t} programming.',
  '我们在推进数字化转型，{t}和数据分析方面的复合型人才缺口比较大。',
  '学生的职业素养很重要，守时、安全意识、团队合作，这些比技术更难培养。',
  '希望学校能提前半年把实习名单发过来，我们好安排{p}的岗前培训。',
  '明年计划扩产，新增两条{t}产线，预计需要{n}名左右的技术工人。',
  '关于共建产业学院，我们愿意投入设备和课程资源，具体方案请校企合作中心对接。',
  'Quality is our first concern: graduates should know SPC and basic {t} before joining.',
  '校方表示将把企业的岗位标准融入{m}专业的人才培养方案。',
  '双方同意下个月在{c}召开专场招聘会，企业提供不少于{n}个岗位。',
  '我们的老员工年龄偏大，懂{t}的年轻人太少，这是当前最大的难题。',
]

export const VISIT_PLACES = ['展厅', '总装车间', '机加工车间', 'SMT车间', '质检中心', '研发中心', '智能仓储中心', '灌装生产线', '员工宿舍', '培训中心', '数字化指挥中心', '焊装车间']
export const OBSERVATIONS = [
  '产线自动化程度高，主要岗位是设备点检和异常处理，需要懂{t}的技术员。',
  '车间整洁有序，推行5S管理，工人多为近三年毕业的职校生。',
  '新建的{t}产线刚投产，企业工程师现场讲解了工艺流程。',
  '质检环节引入了AI视觉检测，人工复检岗位仍有较大需求。',
  '培训中心设备齐全，可作为学生实习实训的场所。',
  'The line runs three shifts; maintenance technicians are the hardest to hire.',
]

export const SYMPOSIUM_TOPICS = ['人才培养', '订单班', '现代学徒制', '实习就业', '产业学院共建', '实训基地', '产业导师', '技能培训', '招聘需求', '课程共建']
export const CONSENSUS = [
  '共建实习就业基地，每年接收不少于{n}名学生实习',
  '联合开设订单班，按企业岗位标准共同制定课程',
  '企业选派工程师担任产业导师',
  '共同申报省级产教融合共同体',
  '下学期在校内举办企业专场招聘会',
  '联合开发{t}方向的实训课程',
]

export const ACTION_TITLES = [
  '把订单班协议草稿发给企业人力资源部',
  '整理座谈会纪要并报分管校领导',
  '对接企业工程师进校授课的时间安排',
  '向{m}专业推送实习岗位信息',
  '回访企业，确认{p}岗位的招聘人数',
  '准备实训基地共建方案',
  '邀请企业参加校园专场招聘会',
  'Send the apprenticeship proposal to the HR manager',
  '收集学生实习反馈并反馈给企业',
  '核对协议金额与条款，提交法务审核',
]

export const AGREEMENT_TITLES: Record<string, string> = {
  order_class: '产业工人订单班合作协议',
  apprenticeship: '现代学徒制合作协议',
  industry_college: '共建产业学院协议',
  training_base: '校内实训中心共建协议',
  employment_base: '实习就业基地协议',
  other: '校企战略合作框架协议',
}

export const NOTES = [
  '企业反映学生稳定性不足，实习期流失率偏高。',
  '建议在人才培养方案中增加企业真实项目。',
  '部分企业对{t}人才需求迫切，学校相关课程需要更新。',
  '协议执行中需要明确双方的责任人和考核指标。',
]

export const TRIP_SEASONS = ['春季', '暑期', '秋季', '冬季']
export const TRIP_PURPOSES = [
  '走访合作企业，拓展就业岗位，深化校企合作。',
  '了解区域产业人才需求，为专业设置调整提供依据。',
  '落实访企拓岗专项行动，推进产教融合。',
  'Visit partner enterprises to open internships and jobs for our graduates.',
]
