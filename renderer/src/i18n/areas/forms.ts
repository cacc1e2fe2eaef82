import type { Shape } from '../shape'

/**
 * Strings every form shares, under `forms.`: what a field left empty is missing, said in the field's own words
 * (`fields.<schema field>.required`), and the questions asked before typed input would be lost.
 */
export const zh = {
  fields: {
    enterpriseId: { required: '请选择企业' },
    tripId: { required: '请选择行程' },
    speakerId: { required: '请选择发言人' },
    date: { required: '请填写日期' },
    startDate: { required: '请填写开始日期' },
    endDate: { required: '请填写结束日期' },
    title: { required: '请填写标题' },
    text: { required: '请填写内容' },
    kind: { required: '请选择类别' },
    status: { required: '请选择状态' },
  },
  discard: {
    title: '放弃填写的内容？',
    body: '对话框里已经填写的内容还没有保存，关闭后会丢失。',
    ok: '放弃',
    cancel: '继续填写',
  },
  leave: {
    title: '有内容没有保存',
    body: '标红的字段没有填对，离开后这些改动不会保存。',
    ok: '仍然离开',
    cancel: '留下修改',
  },
  tooLongPasted: '粘贴的内容有 {{count}} 个字符，超过了 {{max}} 个字符的上限，已全部保留，请删减后再保存。',
}

export const en: Shape<typeof zh> = {
  fields: {
    enterpriseId: { required: 'Choose an enterprise' },
    tripId: { required: 'Choose a trip' },
    speakerId: { required: 'Choose a speaker' },
    date: { required: 'Enter a date' },
    startDate: { required: 'Enter the start date' },
    endDate: { required: 'Enter the end date' },
    title: { required: 'Enter a title' },
    text: { required: 'Enter the text' },
    kind: { required: 'Choose a kind' },
    status: { required: 'Choose a status' },
  },
  discard: {
    title: 'Discard what you typed?',
    body: 'What you typed in this dialog is not saved yet and is lost if it closes.',
    ok: 'Discard',
    cancel: 'Keep editing',
  },
  leave: {
    title: 'Some changes are not saved',
    body: 'The fields marked in red are not valid; if you leave, those changes are not saved.',
    ok: 'Leave anyway',
    cancel: 'Stay and fix',
  },
  tooLongPasted: 'The pasted text has {{count}} characters, over the limit of {{max}}. All of it was kept: shorten it before it can be saved.',
}
