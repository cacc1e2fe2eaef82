import { z } from 'zod'
import {
  ChosenFile,
  EnterpriseImportReport,
  EnterpriseImportRequest,
  EnterprisePreview,
  ExportedFile,
  FileRef,
  ImportPurpose,
  TableExportRequest,
  TripImportReport,
  TripImportRequest,
} from '../exchange/api'
import { Id } from '../schemas/common'
import { procedure } from './define'

/** Data in and out: enterprise lists from spreadsheets, spreadsheet exports, and the trip exchange file. */
export const exchangeProcedures = {
  /** Shows the host's open dialog; null when cancelled. */
  'exchange.chooseFile': procedure(z.object({ purpose: ImportPurpose }).strict(), ChosenFile.nullable()),
  /** Headers, first rows, detected encoding and a suggested column mapping of a chosen .xlsx / .csv. */
  'exchange.previewEnterprises': procedure(FileRef, EnterprisePreview),
  /** Checks every row, finds duplicates, and (unless a dry run) creates and merges in one transaction. */
  'exchange.importEnterprises': procedure(EnterpriseImportRequest, EnterpriseImportReport),
  /** Reads a .fbtrip file back; importing the same file again changes nothing. */
  'exchange.importTrip': procedure(TripImportRequest, TripImportReport),
  /** Writes the trip to a .fbtrip file chosen in the host's save dialog; null when cancelled. */
  'exchange.exportTrip': procedure(z.object({ tripId: Id }).strict(), ExportedFile.nullable()),
  /** Writes positions, surveys, enterprises or follow-ups to .xlsx or .csv (save dialog); null when cancelled. */
  'exchange.exportTable': procedure(TableExportRequest, ExportedFile.nullable()),
}
