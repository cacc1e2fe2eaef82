import type { Shape } from '../shape'

/** Strings of the app's shell (start-up, recovery after a crash, About and diagnostics), under `shell.` */
export const zh = {
  starting: '正在打开您的数据…',
  startingSlow: '第一次启动或升级后会稍慢一些，请稍候。',
  recoverTitle: '窗口已重新打开',
  recoverText: '研途的窗口意外停止（{{reason}}），现已重新打开。您的记录都在：每次修改在您做出时就已保存。',
  recoverHint: '如果刚才正在填写表单，请检查最后一项是否已保存。',
  recoverContinue: '继续',
  diagnostics: '导出诊断信息',
  diagnosticsHint: '把版本、数据文件夹的大小和日志打包成一个 zip 文件，便于向技术支持说明问题。不包含任何记录内容。',
  diagnosticsSaved: '诊断信息已保存到 {{file}}（{{size}}）',
  searchRebuilding: '正在更新搜索索引',
  searchRebuildingHint: '升级后需要重新整理一次。期间可以照常使用，搜索暂时只能找到已整理的部分。',
}

export const en: Shape<typeof zh> = {
  starting: 'Opening your data…',
  startingSlow: 'The first start, and the first after an update, take a little longer.',
  recoverTitle: 'The window was opened again',
  recoverText: 'Fieldbook’s window stopped unexpectedly ({{reason}}) and has been opened again. Your records are all here: every change is saved the moment you make it.',
  recoverHint: 'If you were filling in a form, check that its last entry was saved.',
  recoverContinue: 'Continue',
  diagnostics: 'Export diagnostics',
  diagnosticsHint: 'Packs the versions, the sizes of the data folder and the log into one zip file for a support request. It contains no record contents.',
  diagnosticsSaved: 'Diagnostics saved to {{file}} ({{size}})',
  searchRebuilding: 'Updating the search index',
  searchRebuildingHint: 'Needed once after an update. Work on as usual; until it finishes, search finds only what is done so far.',
}
