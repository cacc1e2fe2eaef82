import type { Shape } from '../shape'

/** Strings of the talent-demand surveys screens, under `surveys.` */
export const zh = {
  title: '人才需求调研',
}

export const en: Shape<typeof zh> = {
  title: 'Talent-demand surveys',
}
