/**
 * The shape of a field's entry in the field registry (shared/fields.ts). Kept apart from the registry so the
 * schemas that declare their entries beside them (shared/schemas/enterprise.ts) and the registry that collects
 * them do not import each other.
 */

/** A word in both languages the app speaks. */
export interface Text {
  zh: string
  en: string
}

/**
 * How a field's concurrent edits are watched (two devices changed it without having seen each other's value):
 * - `text`: text people write; both versions are kept until someone picks one or merges them.
 * - `list`: a list of texts people write (consensus, topics); both versions are kept, and a merge joins them.
 * - `value`: a number, date, flag or choice; last-writer-wins settles it, and the other value is listed as
 *   "changed on both devices" so nobody's edit disappears unnoticed.
 * - `merge`: not watched (ids, order keys, file facts, structured answers); the newer value simply wins.
 */
export type WatchMode = 'text' | 'list' | 'value'

export interface FieldSpec {
  /** How forms, the history, the conflict list and the import dialog name the field. */
  readonly label?: Text
  /** Declared for every field: whether sync keeps both versions of concurrent edits, and how. */
  readonly watch: WatchMode | 'merge'
  /** Search indexes the field as the entry's title (what a hit is called) or as its body. */
  readonly search?: 'title' | 'body'
  /**
   * A column of the enterprise list spreadsheet, written by the export and read back by the import. `header`
   * defaults to the label; `synonyms` are further header names people use for it (compared after `headerKey`).
   */
  readonly column?: { readonly header?: Text; readonly width: number; readonly synonyms?: readonly string[] }
  /** The words for a choice field's stored values (spreadsheets and documents print these, import reads them back). */
  readonly choices?: Readonly<Record<string, Text>>
  /** Printed in the enterprise file's profile table: under its label (`true`) or under these words. */
  readonly report?: Text | true
}

/** One spec for each field of a schema's shape: a field without one does not compile. */
export type FieldSpecs<Shape> = { readonly [K in keyof Shape]: FieldSpec }
