/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: better-sqlite3 calls require("bindings")(name) */
// Stands in for the `bindings` package inside the bundles. better-sqlite3 asks `bindings` for its addon only when
// no `nativeBinding` is given: never in the app, which always passes its Electron build (electron/main/native.ts).
// Under Node (the tests run the bundled report worker) the Node build in the working directory's node_modules is
// the one to load; `bindings` itself would look beside the bundle, where there is none.
const { createRequire } = require('node:module')
const { join } = require('node:path')

module.exports = function bindings(name) {
  return createRequire(join(process.cwd(), 'package.json'))(`better-sqlite3/build/Release/${name}`)
}
