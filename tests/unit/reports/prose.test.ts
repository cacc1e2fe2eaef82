import { describe, expect, it } from 'vitest'
import { clause, joinWords, prose, shorten } from '../../../electron/core/reports/prose'
import { headlineFigures, newPositions } from '../../../electron/core/domain/headline-figures'

const zh = prose('zh')
const en = prose('en')

describe('sentence assembly', () => {
  it('ends a sentence with one full stop, whatever the clauses were typed with', () => {
    expect(zh.sentence('该公司位于安徽省池州市石台县', '主营富硒饮用水。')).toBe('该公司位于安徽省池州市石台县，主营富硒饮用水。')
    expect(zh.sentence('双方达成共识。。', '', null, false)).toBe('双方达成共识。')
    expect(zh.paragraph('第一句。', '第二句', '')).toBe('第一句。第二句。')
    expect(en.sentence('the group toured the line.', 'then met the managers')).toBe('The group toured the line, then met the managers.')
    expect(en.paragraph('One.', 'two')).toBe('One. Two.')
    expect(zh.sentence('他说：“好。”')).toBe('他说：“好。”')
    expect(zh.sentence('')).toBe('')
  })

  it('lists with 、 and 和 in Chinese, commas and "and" in English', () => {
    expect(zh.list(['安徽'])).toBe('安徽')
    expect(zh.list(['安徽', '江苏'])).toBe('安徽和江苏')
    expect(zh.list(['甲', '乙', '丙'])).toBe('甲、乙和丙')
    expect(en.list(['Anhui', 'Jiangsu', 'Zhejiang'])).toBe('Anhui, Jiangsu and Zhejiang')
    expect(en.list(['a', 'b'], 'or')).toBe('a or b')
    expect(en.list([])).toBe('')
  })

  it('counts with measure words and plurals', () => {
    expect(zh.count(2, 'enterprise')).toBe('2家企业')
    expect(zh.count(3, 'agreement', true)).toBe('3项')
    expect(zh.count(2, 'survey')).toBe('2份人才需求调研表')
    expect(en.count(1, 'siteVisit')).toBe('1 site visit')
    expect(en.count(2, 'siteVisit')).toBe('2 site visits')
    expect(en.count(1, 'person')).toBe('1 person')
    expect(en.count(5, 'person')).toBe('5 people')
  })

  it('writes money as 万元 in Chinese and "CNY 5 million" in English', () => {
    expect(zh.money(5_000_000)).toBe('500万元')
    expect(zh.money(125_000)).toBe('12.5万元')
    expect(zh.money(800)).toBe('800元')
    expect(en.money(5_000_000)).toBe('CNY 5 million')
    expect(en.money(3_500_000)).toBe('CNY 3.5 million')
    expect(en.money(80_000)).toBe('CNY 80,000')
  })

  it('shortens a long quote at a clause boundary with an ellipsis', () => {
    const long = '这次合作要把企业最前沿的技术带进课堂，让职业教育真正长出产业的基因，同时我们还要继续推进实训基地建设、课程改革和师资培训等一系列工作。'
    const quoted = zh.quote(long, 40)
    expect(quoted.startsWith('“这次合作')).toBe(true)
    expect(quoted.endsWith('……”')).toBe(true)
    expect([...quoted].length).toBeLessThanOrEqual(44)
    expect(zh.quote('短句。')).toBe('“短句”')
    expect(shorten('One, two, three, four, five, six.', 20, 'en')).toBe('One, two, three…')
  })

  it('numbers items as 一是…；二是… and first, …; second, …', () => {
    expect(zh.enumerate(['建立一企一档。', '启动导师计划'])).toBe('一是建立一企一档；二是启动导师计划。')
    expect(zh.enumerate(['只有一项。'])).toBe('只有一项。')
    expect(en.enumerate(['Set up files', 'PLC courses'])).toBe('First, set up files; second, PLC courses.')
  })

  it('keeps a space between Latin words and none inside Chinese', () => {
    expect(joinWords('Secretary', 'Emily Zhou')).toBe('Secretary Emily Zhou')
    expect(joinWords('Co., Ltd.', '3')).toBe('Co., Ltd. 3')
    expect(joinWords('总经理', '曾健')).toBe('总经理曾健')
    expect(joinWords('总经理', 'Emily Zhou')).toBe('总经理Emily Zhou')
    expect(clause('  备注；  ')).toBe('备注')
    expect(clause('Siemens Co., Ltd.')).toBe('Siemens Co., Ltd.')
    expect(zh.list(['Siemens Co., Ltd.', '汇润集团'])).toBe('Siemens Co., Ltd.和汇润集团')
    expect(zh.sentence('在 2023 年开设 PLC 课程')).toBe('在2023年开设PLC课程。')
    expect(zh.sentence('需要大量设备维护人员……')).toBe('需要大量设备维护人员……')
    expect(zh.countWord(2)).toBe('两')
    expect(zh.countWord(3)).toBe('三')
    expect(zh.quote('We need 30 automation technicians every year.')).toBe('“We need 30 automation technicians every year”')
    expect(en.ascii('Huirun（Suzhou），PLC；ok。')).toBe('Huirun (Suzhou), PLC; ok.')
  })
})

describe('headline figures', () => {
  it('counts new positions as surveyed jobs plus internships, with committed positions beside them', () => {
    const figures = headlineFigures({
      visits: [{ enterpriseId: 'a' }, { enterpriseId: 'a' }],
      symposiums: [{ enterpriseId: 'b' }],
      agreements: [
        { status: 'signed', positions: 40, amountYuan: 0 },
        { status: 'consensus', positions: 0, amountYuan: 5_000_000 },
      ],
      positions: [
        { kind: 'employment', headcount: 80 },
        { kind: 'internship', headcount: 40 },
      ],
      surveys: 2,
    })
    expect(figures.positions).toEqual({ employment: 80, internship: 40, total: 120, committedByAgreements: 40 })
    expect(figures.enterprisesVisited).toBe(2)
    expect(figures.agreements).toEqual({ total: 2, signed: 1, amountYuan: 5_000_000 })
    expect(newPositions({ employment: 3, internship: 4 })).toBe(7)
  })
})
