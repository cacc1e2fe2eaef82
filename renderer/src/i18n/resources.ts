import { en } from './en'
import { zhCN } from './zh-CN'
import * as tripDetail from './areas/tripDetail'
import * as enterprises from './areas/enterprises'
import * as visits from './areas/visits'
import * as symposiums from './areas/symposiums'
import * as agreements from './areas/agreements'
import * as surveys from './areas/surveys'
import * as followUps from './areas/followUps'
import * as attachments from './areas/attachments'
import * as search from './areas/search'
import * as reports from './areas/reports'
import * as trash from './areas/trash'
import * as sync from './areas/sync'
import * as backup from './areas/backup'
import * as exchange from './areas/exchange'
import * as shell from './areas/shell'
import * as campaign from './areas/campaign'
import * as relationship from './areas/relationship'
import * as forms from './areas/forms'

/**
 * All strings, in Chinese and English. Each area of the app keeps its own file under `areas/`, merged here
 * under its name (`t('visits.title')`).
 */
const AREAS = { tripDetail, enterprises, visits, symposiums, agreements, surveys, followUps, attachments, search, trash, reports, sync, backup, exchange, shell, campaign, relationship, forms }

export const resources = {
  'zh-CN': { ...zhCN, ...Object.fromEntries(Object.entries(AREAS).map(([name, area]) => [name, area.zh])) },
  en: { ...en, ...Object.fromEntries(Object.entries(AREAS).map(([name, area]) => [name, area.en])) },
}
