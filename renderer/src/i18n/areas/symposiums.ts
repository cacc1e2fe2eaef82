import type { Shape } from '../shape'

/** Strings of the symposiums screens, under `symposiums.` */
export const zh = {
  title: '座谈会',
}

export const en: Shape<typeof zh> = {
  title: 'Symposiums',
}
