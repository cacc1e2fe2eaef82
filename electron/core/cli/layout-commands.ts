import { checkLayout, type LayoutReport } from '../reports/layout-check'
import type { Command } from './command'
import { usage } from './usage-error'

/** `check-layout FILE.docx`: the GB/T 9704 figures of a document as LibreOffice prints it. */
export const LAYOUT_COMMANDS: Command[] = [
  {
    name: 'check-layout',
    summary: 'Convert a .docx with LibreOffice and print its layout figures (margins, lines, page numbers, captions)',
    usage: 'check-layout FILE.docx',
    options: {},
    run: async (_core, _values, positionals) => {
      const file = positionals[0]
      if (!file) throw usage('Say which document to check: check-layout FILE.docx')
      return { layout: checkLayout(file) }
    },
    format: (result) => {
      const r = result['layout'] as LayoutReport
      const rows: [string, string][] = [
        ['File', r.file],
        ['Pages', `${r.pages} (${r.pageSizeMm.width} × ${r.pageSizeMm.height} mm)`],
        ['Text from top/left/right', `${r.marginsMm.top} / ${r.marginsMm.left} / ${r.marginsMm.right} mm`],
        ['Lines per page', String(r.linesPerPage)],
        ['Characters per line', String(r.charactersPerLine)],
        ['Page number gap', r.pageNumberGapMm.length ? `${r.pageNumberGapMm.join(', ')} mm below the text block (GB/T 9704: 7 mm)` : 'no page numbers found'],
        ['Fonts', r.fonts.join(', ')],
        ['Title lines', r.titleLines.join(' / ')],
        ['Table captions', r.tableCaptions.map((c) => `${c.label} p.${c.page}${c.keptWithTable ? '' : ' (table on the next page)'}`).join(', ') || '—'],
        ['Figure captions', r.figureCaptions.map((c) => `${c.label} p.${c.page}`).join(', ') || '—'],
        ['Table line pitch', r.tableLinePitchPt === null ? '—' : `${r.tableLinePitchPt} pt`],
      ]
      return rows.map(([label, value]) => `${label.padEnd(26)} ${value}`).join('\n')
    },
  },
]
