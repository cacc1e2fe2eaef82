import { useMemo } from 'react'
import { useRecords } from '../../api/records'

/** Kinds of record a follow-up can point at from the dialog; trip and enterprise have their own fields. */
export const LINK_KINDS = ['agreement', 'survey', 'symposium', 'visit'] as const
export type LinkKind = (typeof LINK_KINDS)[number]

/** Where a linked record opens. */
export function linkedPath(kind: string, id: string): string | null {
  switch (kind) {
    case 'agreement':
      return `/agreements/${id}`
    case 'survey':
      return `/surveys/${id}`
    case 'symposium':
      return `/symposiums/${id}`
    case 'visit':
      return `/visits/${id}`
    case 'trip':
      return `/trips/${id}`
    case 'enterprise':
      return `/enterprises/${id}`
    default:
      return null
  }
}

/** Records of one kind to link to, narrowed to the trip (or else the enterprise) when one is chosen. */
export function useLinkableRecords(kind: LinkKind | undefined, tripId: string | undefined, enterpriseId: string | undefined) {
  const filter = tripId ? { tripId } : enterpriseId ? { enterpriseId } : {}
  const enterprises = useRecords('enterprise', {}, Boolean(kind))
  const agreements = useRecords('agreement', filter, kind === 'agreement')
  const surveys = useRecords('survey', filter, kind === 'survey')
  const symposiums = useRecords('symposium', filter, kind === 'symposium')
  const visits = useRecords('visit', filter, kind === 'visit')

  return useMemo(() => {
    const names = new Map((enterprises.data ?? []).map((e) => [e.id, e.name]))
    const dated = (r: { id: string; date: string; title?: string; enterpriseId: string }) => ({
      value: r.id,
      label: [r.date, r.title || names.get(r.enterpriseId)].filter(Boolean).join(' '),
    })
    switch (kind) {
      case 'agreement':
        return (agreements.data ?? []).map((a) => ({ value: a.id, label: a.title }))
      case 'survey':
        return (surveys.data ?? []).map(dated)
      case 'symposium':
        return (symposiums.data ?? []).map(dated)
      case 'visit':
        return (visits.data ?? []).map(dated)
      default:
        return []
    }
  }, [kind, enterprises.data, agreements.data, surveys.data, symposiums.data, visits.data])
}
