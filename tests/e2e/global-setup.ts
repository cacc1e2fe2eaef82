import { existsSync } from 'node:fs'
import { RENDERER_DIR } from './harness'

export default function setup(): void {
  if (!existsSync(`${RENDERER_DIR}/index.html`)) {
    throw new Error(`The renderer is not built (${RENDERER_DIR}/index.html is missing): run "npm run build" first.`)
  }
}
