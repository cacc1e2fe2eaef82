import type { Shape } from '../shape'

/** Strings of the enterprises screens, under `enterprises.` */
export const zh = {
  title: '企业档案',
}

export const en: Shape<typeof zh> = {
  title: 'Enterprises',
}
