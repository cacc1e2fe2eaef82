import { parseArgs } from 'node:util'
import { startServer } from './server'

/** `npm run server -- --port 8787 --data-dir DIR`: the team's sync server. */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string', default: './fieldbook-server-data' },
    help: { type: 'boolean', short: 'h' },
  },
})

if (values.help) {
  console.log('Usage: npm run server -- [--port 8787] [--host 127.0.0.1] [--data-dir DIR]')
} else {
  const server = await startServer({ port: Number(values.port), host: values.host, dataDir: values['data-dir'] })
  console.log(`Fieldbook sync server listening on ${server.url}`)
  const stop = () => void server.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
