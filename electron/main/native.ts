import { existsSync } from 'node:fs'
import { join } from 'node:path'

export const NATIVE_BINARY = 'better_sqlite3.node'

export interface NativeLocation {
  isPackaged: boolean
  /** `process.resourcesPath`: electron-builder puts extraResources there. */
  resourcesPath: string
  /** `app.getAppPath()`: the project root while developing. */
  appPath: string
}

/**
 * Where better-sqlite3's Electron build lives. node_modules keeps the Node build for the tests, so the app
 * loads its own copy: shipped as an extra resource, or built into build/native/electron by `npm start`.
 */
export function electronNativeBindingPath(location: NativeLocation): string {
  return location.isPackaged
    ? join(location.resourcesPath, 'native', NATIVE_BINARY)
    : join(location.appPath, 'build', 'native', 'electron', NATIVE_BINARY)
}

/** The binding's path, or an Error that says how to get it (better-sqlite3's own message would blame the ABI). */
export function electronNativeBinding(
  location: NativeLocation,
  exists: (path: string) => boolean = existsSync,
): string {
  const path = electronNativeBindingPath(location)
  if (exists(path)) return path
  if (location.isPackaged) {
    throw new Error(`The database module is missing from this installation (${path}). Please reinstall Fieldbook.`)
  }
  throw new Error(
    `better-sqlite3 built for Electron was not found at ${path}. Run \`npm start\`: its prestart step ` +
      '(node scripts/electron-native.mjs) builds it without touching node_modules.',
  )
}
