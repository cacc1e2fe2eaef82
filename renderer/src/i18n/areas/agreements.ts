import type { Shape } from '../shape'

/** Strings of the agreements screens, under `agreements.` */
export const zh = {
  title: '合作协议',
}

export const en: Shape<typeof zh> = {
  title: 'Agreements',
}
