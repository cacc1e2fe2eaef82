import type { Core } from '../core'

/*
 * What a command is, apart from the list of commands (commands.ts) and the runner (run.ts): the command files
 * import only this, so none of them imports the list that imports them.
 */

/** What a command may read from the command line (node:util parseArgs options). */
export type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string; description: string }>

export interface Command {
  name: string
  summary: string
  usage: string
  options: OptionSpec
  run(core: Core, values: Record<string, unknown>, positionals: string[]): Promise<Record<string, unknown>>
  /**
   * Used instead of `run` when the data folder's database cannot be opened (damaged, or from a newer version):
   * a command that can repair that (restore) works on the closed folder.
   */
  runOnUnopenable?(dataDir: string, values: Record<string, unknown>, positionals: string[]): Promise<Record<string, unknown>>
  /** The human-readable form; `--json` prints the object instead. */
  format(result: Record<string, unknown>): string
}
