import type { Shape } from '../shape'

/** Strings of the follow-ups screens, under `followUps.` */
export const zh = {
  title: '跟进事项',
}

export const en: Shape<typeof zh> = {
  title: 'Follow-ups',
}
