import { DeleteOutlined } from '@ant-design/icons'
import { Button, Card, Flex, Skeleton, Space, Tag, Timeline, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from '../../../../shared/procedures/enterprise-file'
import { useDerived } from '../../api/queries'
import { useDeleteWithUndo } from '../../api/records'
import { ConfirmDelete } from '../../components/DeleteButton'
import { recordPath, tripPath } from '../../routes'
import { EmptyHint, LoadError } from './shared'

const KIND_COLORS: Record<TimelineKind, string> = {
  interaction: 'magenta',
  itinerary: 'gray',
  visit: 'blue',
  symposium: 'purple',
  agreement: 'green',
  survey: 'cyan',
  note: 'gray',
  action: 'orange',
}

/** Money in the reader's habit: 500万 in Chinese, 5M in English. */
export function formatYuan(amount: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY', notation: 'compact', maximumFractionDigits: 2 }).format(amount)
}

/** The figures that say most about an entry, as small labels. */
function Figures({ entry }: { entry: TimelineEntry }) {
  const { t, i18n } = useTranslation()
  const k = 'enterprises.timeline'
  const labels: string[] = []
  switch (entry.kind) {
    case 'visit':
      if (entry.places.length > 0) labels.push(t(`${k}.places`, { places: entry.places.join(' → ') }))
      break
    case 'symposium':
      labels.push(t(`${k}.remarks`, { count: entry.remarks }), t(`${k}.quotes`, { count: entry.quotes }))
      break
    case 'agreement':
      labels.push(t(`${k}.agreementKinds.${entry.agreementKind}`), t(`${k}.agreementStatuses.${entry.status}`))
      if (entry.amountYuan > 0) labels.push(t(`${k}.amount`, { amount: formatYuan(entry.amountYuan, i18n.language) }))
      if (entry.positions > 0) labels.push(t(`${k}.agreementPositions`, { count: entry.positions }))
      break
    case 'survey':
      labels.push(t(`${k}.employment`, { count: entry.employment }), t(`${k}.internship`, { count: entry.internship }))
      labels.push(t(`${k}.surveyStatuses.${entry.status}`))
      break
    case 'action':
      labels.push(t(`${k}.actionStatuses.${entry.status}`))
      if (entry.owner) labels.push(t(`${k}.owner`, { owner: entry.owner }))
      break
    case 'note':
      labels.push(t(`${k}.noteKinds.${entry.noteKind}`))
      break
    case 'interaction':
      labels.push(t(`relationship.channels.${entry.channel}`))
      if (entry.title) labels.push(t('relationship.withWhom', { name: entry.title }))
      if (entry.ourSide) labels.push(t('relationship.by', { name: entry.ourSide }))
      if (entry.nextStep) labels.push(t('relationship.nextStepLabel', { text: entry.nextStep }))
      break
    case 'itinerary':
      break
  }
  if (labels.length === 0) return null
  return (
    <Space size={[4, 4]} wrap>
      {labels.map((label) => (
        <Tag key={label} variant="filled" style={{ marginInlineEnd: 0 }}>
          {label}
        </Tag>
      ))}
    </Space>
  )
}

/** A logged contact lives only here: it is removed here too (to the trash, with undo). */
function DeleteInteraction({ id, label }: { id: string; label: string }) {
  const { t } = useTranslation()
  const deleteWithUndo = useDeleteWithUndo('interaction')
  return (
    <ConfirmDelete label={label} onConfirm={() => deleteWithUndo(id, label)}>
      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
    </ConfirmDelete>
  )
}

function EntryContent({ entry, enterpriseId }: { entry: TimelineEntry; enterpriseId: string }) {
  const { t } = useTranslation()
  const path = recordPath({ kind: entry.kind, id: entry.id, tripId: entry.tripId || undefined, enterpriseId, parentId: entry.parentId })
  // A note's text is its title; other records without a title are named by their kind.
  // A logged contact is named by what was said; with whom is among its labels.
  const textIsTitle = entry.kind === 'interaction' || (entry.kind === 'note' && !entry.title)
  const title = textIsTitle ? entry.summary : entry.title || t(`enterprises.timeline.untitled.${entry.kind}`)
  const summary = textIsTitle ? '' : entry.summary
  return (
    <Flex vertical gap={4} data-testid="timeline-entry" data-kind={entry.kind} style={{ paddingBottom: 4 }}>
      <Flex gap={8} align="baseline" wrap>
        <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
          {entry.date || t('enterprises.timeline.undated')}
        </Typography.Text>
        <Tag color={KIND_COLORS[entry.kind]} style={{ marginInlineEnd: 0 }}>
          {t(`enterprises.timeline.kinds.${entry.kind}`)}
        </Tag>
        {entry.kind === 'interaction' ? (
          <Typography.Text ellipsis style={{ maxWidth: 560, fontWeight: 500 }}>
            {title}
          </Typography.Text>
        ) : (
          <Link to={path} style={{ fontWeight: 500 }}>
            <Typography.Text ellipsis style={{ maxWidth: 560, color: 'inherit' }}>
              {title}
            </Typography.Text>
          </Link>
        )}
        {entry.kind === 'interaction' && <DeleteInteraction id={entry.id} label={title} />}
      </Flex>
      {/* A logged contact is never a trip's: saying so on each would be noise. */}
      {entry.kind !== 'interaction' && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {entry.tripId ? <Link to={tripPath(entry.tripId)}>{entry.tripTitle}</Link> : t('enterprises.timeline.noTrip')}
        </Typography.Text>
      )}
      <Figures entry={entry} />
      {summary && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 820 }}>
          {summary}
        </Typography.Paragraph>
      )}
    </Flex>
  )
}

/** Everything recorded with this enterprise on every trip, newest first, each linking to its record. */
export function TimelineTab({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation()
  const timeline = useDerived('enterprise.timeline', { enterpriseId })
  const [kinds, setKinds] = useState<TimelineKind[]>([])

  const counts = useMemo(() => {
    const map = new Map<TimelineKind, number>()
    for (const entry of timeline.data ?? []) map.set(entry.kind, (map.get(entry.kind) ?? 0) + 1)
    return map
  }, [timeline.data])

  if (timeline.isError) return <LoadError error={timeline.error} onRetry={() => void timeline.refetch()} />
  if (!timeline.data) {
    return (
      <Card>
        <Skeleton active />
      </Card>
    )
  }
  if (timeline.data.length === 0) {
    return (
      <Card>
        <EmptyHint title={t('enterprises.timeline.emptyTitle')} hint={t('enterprises.timeline.emptyHint')} />
      </Card>
    )
  }

  const shown = kinds.length === 0 ? timeline.data : timeline.data.filter((entry) => kinds.includes(entry.kind))
  const toggle = (kind: TimelineKind, checked: boolean) =>
    setKinds((current) => (checked ? [...current, kind] : current.filter((k) => k !== kind)))

  return (
    <Card>
      <Flex gap={4} wrap style={{ marginBottom: 20 }}>
        <Tag.CheckableTag checked={kinds.length === 0} onChange={() => setKinds([])}>
          {t('enterprises.timeline.all')} {timeline.data.length}
        </Tag.CheckableTag>
        {TIMELINE_KINDS.filter((kind) => counts.has(kind)).map((kind) => (
          <Tag.CheckableTag key={kind} checked={kinds.includes(kind)} onChange={(checked) => toggle(kind, checked)}>
            {t(`enterprises.timeline.kinds.${kind}`)} {counts.get(kind)}
          </Tag.CheckableTag>
        ))}
      </Flex>
      <Timeline
        items={shown.map((entry) => ({
          key: `${entry.kind}-${entry.id}`,
          color: KIND_COLORS[entry.kind],
          content: <EntryContent entry={entry} enterpriseId={enterpriseId} />,
        }))}
      />
    </Card>
  )
}
