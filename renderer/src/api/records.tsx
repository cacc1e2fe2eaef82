import { useMutation, useQuery } from '@tanstack/react-query'
import { App, Button, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { RECORD_TABLES, type RecordKind } from '../../../shared/procedures/records'
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../../shared/contract'
import { ApiError, invoke } from './client'

/** `kind.verb` as a procedure name, typed. */
type Verb = 'list' | 'get' | 'create' | 'update' | 'delete' | 'restore'
type Name<K extends RecordKind, V extends Verb> = `${K}.${V}` & ProcedureName

/** The record type of a kind, e.g. `RecordOf<'visit'>`. */
export type RecordOf<K extends RecordKind> = ProcedureOutput<Name<K, 'get'>>

function name<K extends RecordKind, V extends Verb>(kind: K, verb: V): Name<K, V> {
  return `${kind}.${verb}` as Name<K, V>
}

/** Live records of a kind, filtered by parent (e.g. `{ tripId }`); refreshed whenever their table changes. */
export function useRecords<K extends RecordKind>(kind: K, filter: ProcedureInput<Name<K, 'list'>>, enabled = true) {
  return useQuery({
    queryKey: [RECORD_TABLES[kind], 'list', filter],
    queryFn: () => invoke(name(kind, 'list'), filter),
    enabled,
  })
}

export function useRecord<K extends RecordKind>(kind: K, id: string | undefined) {
  return useQuery({
    queryKey: [RECORD_TABLES[kind], 'get', id],
    queryFn: () => invoke(name(kind, 'get'), { id: id! } as ProcedureInput<Name<K, 'get'>>),
    enabled: Boolean(id),
  })
}

export function useCreateRecord<K extends RecordKind>(kind: K) {
  return useMutation({ mutationFn: (input: ProcedureInput<Name<K, 'create'>>) => invoke(name(kind, 'create'), input) })
}

export function useUpdateRecord<K extends RecordKind>(kind: K) {
  return useMutation({
    mutationFn: (input: ProcedureInput<Name<K, 'update'>>) => invoke(name(kind, 'update'), input),
  })
}

/** A translated message for any failure. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation()
  return (error) => t(`errors.${error instanceof ApiError ? error.code : 'INTERNAL'}`)
}

/**
 * A success message with an Undo link for a few seconds. `undo` puts things back and returns the message that says
 * so; a failure to undo is shown as an error. One shape for every undoable action (deletes, bulk edits).
 */
export function useUndoMessage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  return (options: { key: string; text: string; testId: string; undo: () => Promise<string> }) => {
    const undo = async () => {
      message.destroy(options.key)
      try {
        void message.success(await options.undo())
      } catch (error) {
        void message.error(errorText(error))
      }
    }
    void message.open({
      key: options.key,
      type: 'success',
      duration: 8,
      content: (
        <Space>
          {options.text}
          <Button size="small" type="link" onClick={() => void undo()} data-testid={options.testId}>
            {t('common.undo')}
          </Button>
        </Space>
      ),
    })
  }
}

/**
 * Moves a record to the trash and offers Undo for a few seconds; the trash screen can restore it later too.
 * `label` names the record in the message ("已删除“…”").
 */
export function useDeleteWithUndo<K extends RecordKind>(kind: K) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const undoMessage = useUndoMessage()
  return async (id: string, label: string): Promise<boolean> => {
    try {
      await invoke(name(kind, 'delete'), { id } as ProcedureInput<Name<K, 'delete'>>)
    } catch (error) {
      void message.error(errorText(error))
      return false
    }
    undoMessage({
      key: `deleted-${id}`,
      text: t('common.deleted', { label }),
      testId: 'undo-delete',
      undo: async () => {
        await invoke(name(kind, 'restore'), { id } as ProcedureInput<Name<K, 'restore'>>)
        return t('common.restored', { label })
      },
    })
    return true
  }
}
