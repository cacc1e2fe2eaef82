import type { Shape } from '../shape'

/** Strings of the trip screens, under `tripDetail.` */
export const zh = {
  title: '行程详情',
}

export const en: Shape<typeof zh> = {
  title: 'Trip',
}
