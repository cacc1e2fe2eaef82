import { pathToFileURL } from 'node:url'

/** Where the user guide (the README rendered to HTML at build time) sits: beside the asar, or in out/ during development. */
export const USER_GUIDE_FILE = 'guide/index.html'

/**
 * The README's sections the Help menu opens directly, by their headings: the guide gives every heading an anchor
 * made by `guideAnchor`, and a test checks each heading is still in the README.
 */
export const GUIDE_SECTIONS = [
  { heading: 'Fieldbook 研途', label: { zh: '开始使用', en: 'Getting started' } },
  { heading: 'Where data lives', label: { zh: '数据保存在哪里', en: 'Where data lives' } },
  { heading: 'Syncing a team', label: { zh: '团队同步', en: 'Syncing a team' } },
  { heading: 'Sync server', label: { zh: '同步服务器', en: 'Sync server' } },
  { heading: 'Backup and restore', label: { zh: '备份与恢复', en: 'Backup and restore' } },
  { heading: 'Import and export', label: { zh: '导入与导出', en: 'Import and export' } },
  { heading: 'Word documents', label: { zh: 'Word 文档', en: 'Word documents' } },
  { heading: 'Build installers', label: { zh: '打包安装程序', en: 'Build installers' } },
] as const

export type GuideSection = (typeof GUIDE_SECTIONS)[number]['heading']

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens; Chinese kept. */
export function guideAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

/** The address the system's browser opens for one section of the guide. */
export function guideUrl(guideFile: string, section: GuideSection): string {
  const url = pathToFileURL(guideFile)
  url.hash = guideAnchor(section)
  return url.toString()
}
