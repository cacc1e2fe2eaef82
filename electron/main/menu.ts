import type { MenuItemConstructorOptions } from 'electron'
import { GUIDE_SECTIONS, type GuideSection } from './user-guide'

export type MenuLanguage = 'zh' | 'en'

/** The menu's language: Chinese when the system prefers any Chinese, as the window does on first start. */
export function menuLanguage(preferredLanguages: readonly string[]): MenuLanguage {
  return preferredLanguages.some((language) => language.toLowerCase().startsWith('zh')) ? 'zh' : 'en'
}

const LABELS = {
  zh: {
    file: '文件',
    edit: '编辑',
    view: '视图',
    window: '窗口',
    help: '帮助',
    guide: '使用说明',
    diagnostics: '导出诊断信息…',
    logs: '打开日志文件夹',
  },
  en: {
    file: 'File',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    help: 'Help',
    guide: 'User guide',
    diagnostics: 'Export diagnostics…',
    logs: 'Open the logs folder',
  },
} as const

export interface MenuActions {
  /** Opens the user guide shipped with the app (the README) at one of its sections. */
  openGuide(section: GuideSection): void
  exportDiagnostics(): void
  openLogs(): void
}

/**
 * The application menu: Electron's standard roles (so copy, paste, undo, zoom and full screen work and are
 * named by the system in its own language where it does so), our labels in the user's language, and Help with
 * the guide's sections and the diagnostics a support request needs. Reload and developer tools only in
 * development: a reload would drop what a form holds.
 */
export function applicationMenu(
  language: MenuLanguage,
  actions: MenuActions,
  options: { platform: string; isPackaged: boolean; appName: string },
): MenuItemConstructorOptions[] {
  const t = LABELS[language]
  const mac = options.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = []
  if (mac) {
    template.push({
      label: options.appName,
      submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    })
  }
  template.push({ label: t.file, submenu: [mac ? { role: 'close' } : { role: 'quit' }] })
  template.push({
    label: t.edit,
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'pasteAndMatchStyle' }, { role: 'delete' }, { role: 'selectAll' }],
  })
  template.push({
    label: t.view,
    submenu: [
      ...(options.isPackaged ? [] : ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[])),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  })
  template.push({ label: t.window, submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }] })
  template.push({
    label: t.help,
    role: 'help',
    submenu: [
      { label: t.guide, submenu: GUIDE_SECTIONS.map((section) => ({ label: section.label[language], click: () => actions.openGuide(section.heading) })) },
      { type: 'separator' },
      { label: t.diagnostics, click: () => actions.exportDiagnostics() },
      { label: t.logs, click: () => actions.openLogs() },
      ...(mac ? [] : ([{ type: 'separator' }, { role: 'about' }] as MenuItemConstructorOptions[])),
    ],
  })
  return template
}
