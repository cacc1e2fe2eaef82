import type { Shape } from '../shape'

/** Strings of the photos and files screens, under `attachments.` */
export const zh = {
  title: '照片和附件',
}

export const en: Shape<typeof zh> = {
  title: 'Photos and files',
}
