import type { Shape } from '../shape'

/** Strings of the site visits screens, under `visits.` */
export const zh = {
  title: '企业参观',
}

export const en: Shape<typeof zh> = {
  title: 'Site visits',
}
