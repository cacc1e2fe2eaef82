// Loaded first in a stand-in utility process (electron-module.mjs): `electron` is the stand-in here too, and
// `process.parentPort` talks to the parent as Electron's does (messages arrive as `{ data }`).
import { EventEmitter } from 'node:events'
import { register } from 'node:module'

register('./electron-hooks.mjs', import.meta.url)

// Like Electron's port, it holds messages until something listens.
const parentPort = new EventEmitter()
const held = []
parentPort.postMessage = (message) => process.send?.(message)
process.on('message', (data) => (parentPort.listenerCount('message') > 0 ? parentPort.emit('message', { data, ports: [] }) : held.push(data)))
parentPort.on('newListener', (event) => {
  if (event === 'message') setImmediate(() => held.splice(0).forEach((data) => parentPort.emit('message', { data, ports: [] })))
})
// Electron ends a utility process with the app that started it.
process.on('disconnect', () => process.exit(0))
process.parentPort = parentPort
