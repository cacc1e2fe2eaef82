import type { Shape } from '../shape'

/** Strings of the trash screens, under `trash.` */
export const zh = {
  title: '回收站',
}

export const en: Shape<typeof zh> = {
  title: 'Trash',
}
