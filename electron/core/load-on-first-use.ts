/**
 * Heavy libraries (image processing, spreadsheets) and the document builders (docx, charts) are loaded the first
 * time a feature needs them, not when the core opens: opening the data and listing trips never waits for them.
 * Each loader asks once and hands every later caller the same module; a failed load (a missing native library)
 * is asked again next time instead of being remembered.
 */
export function loadOnFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined
      throw error
    }))
}

/** sharp: photos' renditions, the college logo, report photos. */
export const loadSharp = loadOnFirstUse(async () => (await import('sharp')).default)

/** exceljs: spreadsheet exports and imports, the campaign ledger. */
export const loadExcel = loadOnFirstUse(async () => (await import('exceljs')).default)
