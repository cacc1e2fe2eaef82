import { resolve, join } from 'node:path'

export const DATA_DIR_ENV = 'FIELDBOOK_DATA_DIR'
export const WORKSPACE_FOLDER = 'workspace'

/** `--data-dir DIR` or `--data-dir=DIR` from the command line, if given. */
export function dataDirFromArgs(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--data-dir') return argv[i + 1]
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length)
  }
  return undefined
}

/**
 * Where the workspace lives: the `--data-dir` flag, then FIELDBOOK_DATA_DIR, then a subfolder of the
 * platform's per-user data folder (Electron's userData in the app).
 */
export function resolveDataDir(options: {
  argv: readonly string[]
  env: Readonly<Record<string, string | undefined>>
  userDataDir: string
}): string {
  const fromArgs = dataDirFromArgs(options.argv)
  if (fromArgs) return resolve(fromArgs)
  const fromEnv = options.env[DATA_DIR_ENV]
  if (fromEnv) return resolve(fromEnv)
  return join(options.userDataDir, WORKSPACE_FOLDER)
}
