import { HistoryOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Drawer, Empty, Skeleton, Space, Tag, Timeline, Tooltip, Typography } from 'antd'
import type { i18n as I18n, TFunction } from 'i18next'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HistoryEntry } from '../../../shared/procedures/sync'
import { useErrorText, useRecord } from '../api/records'
import { invokeSync } from '../screens/sync/api'
import { fieldLabel, formatValue, isIdColumn, LINKED_KINDS, relativeAndAbsolute } from '../screens/sync/labels'

const PAGE = 50
/** The core sends at most this many entries (the newest); with fewer, the last one is the record's creation. */
const CORE_HISTORY_LIMIT = 500

interface FieldChange {
  column: string
  label: string
  /** The value before this change, when an older entry set it. */
  before: string | undefined
  after: string
  current: boolean
  /** Trash moves read as a sentence, not as a flag flipping. */
  trash?: 'moved' | 'restored'
  /** A link to a trip or enterprise, named by that record; other links only say they changed. */
  link?: { kind: 'trip' | 'enterprise'; id: string } | 'changed'
}

/** Pairs each field with its previous value (entries come newest first), labelled as the forms label them. */
function describe(entries: readonly HistoryEntry[], table: string, i18n: I18n, t: TFunction): FieldChange[][] {
  const result: FieldChange[][] = []
  const emptyValue = t('sync.history.emptyValue')
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index]!
    const created = isCreation(entries, index)
    const changes: FieldChange[] = []
    for (const field of entry.fields) {
      if (field.column === 'deleted') {
        // A new record starts out of the trash: saying so is noise.
        if (!created || field.value === 1) changes.push({ column: 'deleted', label: fieldLabel(i18n, table, 'deleted'), before: undefined, after: '', current: field.current, trash: field.value === 1 ? 'moved' : 'restored' })
        continue
      }
      if (isIdColumn(field.column)) {
        const linked = LINKED_KINDS[field.column]
        if (created && (!linked || field.value === '')) continue
        changes.push({
          column: field.column,
          label: fieldLabel(i18n, table, field.column),
          before: undefined,
          after: '',
          current: field.current,
          link: linked && typeof field.value === 'string' && field.value !== '' ? { kind: linked, id: field.value } : 'changed',
        })
        continue
      }
      const older = entries.slice(index + 1).find((e) => e.fields.some((f) => f.column === field.column))
      const previous = older?.fields.find((f) => f.column === field.column)
      // Empty defaults written at creation say nothing either.
      if (created && (field.value === '' || field.value === '[]' || field.value === '{}')) continue
      const after = formatValue(i18n, table, field.column, field.value, 200)
      if (created && after === emptyValue) continue
      changes.push({
        column: field.column,
        label: fieldLabel(i18n, table, field.column),
        before: previous ? formatValue(i18n, table, field.column, previous.value, 40) : undefined,
        after,
        current: field.current,
      })
    }
    result.push(changes)
  }
  return result
}

/** A device the core could not name (not in a team, or not yet in the team's list) comes as its clock's node id. */
const isNodeId = (device: string) => /^[0-9a-f]{16}$/.test(device)

const isCreation = (entries: readonly HistoryEntry[], index: number) => index === entries.length - 1 && entries.length < CORE_HISTORY_LIMIT

/** The trip or enterprise a link points at, by name. */
function LinkedName({ kind, id }: { kind: 'trip' | 'enterprise'; id: string }) {
  const record = useRecord(kind, id)
  const data = record.data as { title?: string; name?: string } | undefined
  return <Typography.Text>{data?.name ?? data?.title ?? '…'}</Typography.Text>
}

function HistoryList({ table, rowId }: { table: string; rowId: string }) {
  const { t, i18n } = useTranslation()
  const errorText = useErrorText()
  const [shown, setShown] = useState(PAGE)
  // Keyed by the table so the record's own edits (data.changed) refresh it while the drawer is open.
  const history = useQuery({ queryKey: [table, 'history', rowId], queryFn: () => invokeSync('history.ofRecord', { table, rowId }) })
  const described = useMemo(() => (history.data ? describe(history.data, table, i18n, t) : []), [history.data, table, i18n, t])

  if (history.isError) return <Alert type="error" showIcon title={errorText(history.error)} />
  if (!history.data) return <Skeleton active />
  if (history.data.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sync.history.empty')} />

  const entries = history.data.slice(0, shown)
  return (
    <>
      <Typography.Paragraph type="secondary">{t('sync.history.intro')}</Typography.Paragraph>
      <Timeline
        items={entries.map((entry, index) => {
          const time = relativeAndAbsolute(entry.at)
          const created = isCreation(history.data, index)
          return {
            key: entry.hlc,
            color: entry.local ? 'green' : 'blue',
            content: (
              <div data-testid="change-history-entry" data-local={entry.local ? 'true' : 'false'}>
                <Space size={8} wrap style={{ marginBottom: 4 }}>
                  <Typography.Text strong data-testid="change-history-device">
                    {entry.local ? t('sync.history.thisDevice') : isNodeId(entry.device) ? t('sync.history.otherDevice', { id: entry.device.slice(0, 8) }) : entry.device}
                  </Typography.Text>
                  {entry.local && entry.device && !isNodeId(entry.device) && <Typography.Text type="secondary">{entry.device}</Typography.Text>}
                  <Tooltip title={time.absolute}>
                    <Typography.Text type="secondary">{time.relative}</Typography.Text>
                  </Tooltip>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {time.absolute}
                  </Typography.Text>
                  {created && <Tag color="green">{t('sync.history.created')}</Tag>}
                </Space>
                {described[index]!.map((change) => (
                  <div key={change.column} style={{ lineHeight: 1.7 }} data-testid="change-history-field" data-column={change.column}>
                    <Typography.Text type="secondary">{t('sync.history.fieldLabel', { label: change.label })}</Typography.Text>
                    {change.trash ? (
                      <Typography.Text>{t(`sync.history.${change.trash}`)}</Typography.Text>
                    ) : change.link === 'changed' ? (
                      <Typography.Text>{t('sync.history.changed')}</Typography.Text>
                    ) : change.link ? (
                      <LinkedName kind={change.link.kind} id={change.link.id} />
                    ) : (
                      <>
                        {change.before !== undefined && (
                          <>
                            <Typography.Text delete type="secondary">
                              {change.before}
                            </Typography.Text>
                            {' → '}
                          </>
                        )}
                        <Tooltip title={change.current ? undefined : t('sync.history.superseded')}>
                          <Typography.Text type={change.current ? undefined : 'secondary'}>{change.after}</Typography.Text>
                        </Tooltip>
                      </>
                    )}
                  </div>
                ))}
              </div>
            ),
          }
        })}
      />
      {history.data.length > shown && (
        <Button onClick={() => setShown(shown + PAGE)}>
          {t('sync.history.loadMore')} ({t('sync.history.more', { count: history.data.length - shown })})
        </Button>
      )}
    </>
  )
}

/**
 * "History" for a record's header: opens a drawer listing who changed which field, when, from what to what — from
 * the change log, so edits synced from other members' laptops show with their device's name.
 */
export function HistoryButton({ table, rowId, label }: { table: string; rowId: string; label: string }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button icon={<HistoryOutlined />} onClick={() => setOpen(true)} data-testid="history-button">
        {t('sync.history.button')}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('sync.history.title', { label })}
        size={560}
        destroyOnHidden
        data-testid="history-drawer"
      >
        {open && <HistoryList table={table} rowId={rowId} />}
      </Drawer>
    </>
  )
}
