// Runs a built main bundle under Node with the stand-in `electron` module and acts as its window: waits for
// the window, loads the page through the app protocol, invokes procedures over the IPC handler main
// registered, quits, and prints what happened as one JSON line.
//
// Usage: node drive-main.mjs <main bundle> <smoke|fatal|crash> [photo file]
import { readFileSync, statSync } from 'node:fs'
import { register } from 'node:module'
import { strFromU8, unzipSync } from 'fflate'

register('./electron-hooks.mjs', import.meta.url)

const [mainBundle, scenario, photoFile] = process.argv.slice(2)
const INVOKE_CHANNEL = 'fieldbook:invoke'
const TRUSTED_FRAME = { url: 'app://fieldbook/index.html', parent: null }

const startedAt = performance.now()
const { recorder } = await import('./electron-module.mjs')
await import(mainBundle)
const bundleLoadedMs = performance.now() - startedAt

async function until(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; calls: ${JSON.stringify(recorder.calls.map((c) => c.name))}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

function invoke(name, input, frame = TRUSTED_FRAME) {
  const handler = recorder.ipcHandlers.get(INVOKE_CHANNEL)
  if (!handler) throw new Error('main registered no invoke handler')
  return handler({ senderFrame: frame, sender: recorder.windows[0]?.webContents }, name, input)
}

async function ok(name, input) {
  const result = await invoke(name, input)
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`)
  return result.value
}

function fileFacts(path) {
  return { path, bytes: statSync(path).size, head: readFileSync(path).subarray(0, 2).toString('latin1') }
}

const report = { scenario, bundleLoadedMs }
try {
  if (scenario === 'fatal') {
    // The page's first call, made while the data is still opening, gets an answer rather than hanging.
    await until('the invoke handler', () => recorder.ipcHandlers.get(INVOKE_CHANNEL))
    report.pendingCall = await invoke('app.info', {})
    await until('the app to quit', () => recorder.quitCalls > 0)
    report.windowVisibleAtQuit = recorder.windows.some((window) => window.visible)
  } else if (scenario === 'crash') {
    // The core's process dies (killed as the OS would end a crash) after the user wrote something.
    await until('the window to show', () => recorder.calls.some((call) => call.name === 'window.show'))
    report.sample = await ok('app.loadSample', { language: 'en' })
    const first = recorder.utilityProcesses[0]
    report.firstCorePid = first.pid
    first.kill()
    // A call in flight when it died is answered (with an error: whether it was done cannot be known), not left hanging.
    const during = invoke('trip.list', {})
    await until('the recover screen', () => recorder.calls.some((call) => call.name === 'window.loadURL' && String(call.detail).includes('recovered=')))
    report.recoveredUrl = recorder.calls.findLast((call) => call.name === 'window.loadURL').detail
    report.duringCrash = await during
    // The recovered page's first call waits for the new core process.
    report.tripsAfterCrash = (await ok('trip.list', {})).map((trip) => trip.id)
    report.corePids = recorder.utilityProcesses.map((child) => child.pid ?? null)
    report.info = await ok('app.info', {})
    recorder.windows[0].close()
    await until('the app to quit', () => recorder.calls.some((call) => call.name === 'app.quit'))
    await until('the core process to end', () => recorder.utilityProcesses.every((child) => child.pid === undefined), 20_000)
  } else {
    await until('the window to show', () => recorder.calls.some((call) => call.name === 'window.show'))
    report.windowShownMs = performance.now() - startedAt
    const window = recorder.windows[0]
    report.page = window.loadedPage
    report.info = await ok('app.info', {})
    report.firstAnswerMs = performance.now() - startedAt
    report.forbidden = await invoke('app.info', {}, { url: 'https://example.org/', parent: null })
    report.sample = await ok('app.loadSample', { language: 'en' })
    const photo = await ok('attachment.add', {
      ownerKind: 'trip',
      ownerId: report.sample.tripId,
      fileName: 'photo.jpg',
      dataBase64: readFileSync(photoFile).toString('base64'),
    })
    report.photo = { id: photo.attachment.id, thumbnail: (await ok('attachment.thumbnail', { id: photo.attachment.id })).slice(0, 30) }
    const exported = await ok('report.export', { kind: 'research-report', tripId: report.sample.tripId, style: 'official', language: 'en' })
    report.export = { ...exported, file: fileFacts(recorder.savedFiles.at(-1)) }
    const backup = await ok('backup.create', { language: 'en' })
    report.backup = { ...backup, file: fileFacts(backup.filePath) }
    const diagnostics = await ok('app.exportDiagnostics', {})
    const zip = unzipSync(readFileSync(diagnostics.filePath))
    report.diagnostics = {
      ...diagnostics,
      entries: Object.keys(zip),
      json: JSON.parse(strFromU8(zip['diagnostics.json'])),
      text: Object.values(zip).map((bytes) => strFromU8(bytes)).join('\n'),
    }
    report.eventsSent = window.webContents.sent.length
    window.close()
    await until('the app to quit', () => recorder.calls.some((call) => call.name === 'app.quit'))
    // The quit waits for the core process to close the database and end.
    await until('the core process to end', () => recorder.utilityProcesses.every((child) => child.pid === undefined), 20_000)
    report.coreProcesses = recorder.calls.filter((call) => call.name === 'utilityProcess.fork').map((call) => call.detail)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
} catch (error) {
  report.failure = error instanceof Error ? error.stack : String(error)
}
report.calls = recorder.calls
report.errorBoxes = recorder.errorBoxes
process.stdout.write(`\nDRIVE-MAIN ${JSON.stringify(report)}\n`)
process.exit(0)
