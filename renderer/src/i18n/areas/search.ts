import type { Shape } from '../shape'

/** Strings of the search screens, under `search.` */
export const zh = {
  title: '搜索',
}

export const en: Shape<typeof zh> = {
  title: 'Search',
}
