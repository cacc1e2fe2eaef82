import { Marked, type Tokens } from 'marked'
import { guideAnchor } from './user-guide'

/*
 * Build time only (electron.vite.config.ts): the README as one HTML page whose headings carry the anchors the
 * Help menu links to. The app opens it in the system's browser, so a section can be opened at its place.
 */

const STYLE = `
  body { max-width: 56rem; margin: 2rem auto; padding: 0 1.5rem; font: 15px/1.6 -apple-system, 'Segoe UI', 'PingFang SC',
    'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif; color: #1f1f1f; }
  h1, h2, h3 { line-height: 1.3; margin-top: 2em; }
  code, pre { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; background: #f5f5f5; }
  pre { padding: 0.8rem 1rem; overflow-x: auto; }
  table { border-collapse: collapse; } th, td { border: 1px solid #d9d9d9; padding: 0.3rem 0.6rem; vertical-align: top; }
`

export function renderUserGuide(markdown: string): string {
  const marked = new Marked({ gfm: true })
  marked.use({
    renderer: {
      heading(this: { parser: { parseInline(tokens: Tokens.Heading['tokens']): string } }, token: Tokens.Heading) {
        return `<h${token.depth} id="${guideAnchor(token.text)}">${this.parser.parseInline(token.tokens)}</h${token.depth}>\n`
      },
    },
  })
  const body = marked.parse(markdown, { async: false })
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:">
<title>Fieldbook 研途</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`
}
