import { parseArgs } from 'node:util'
import { z } from 'zod'
import { AppError, type AppErrorData } from '../../../shared/errors'
import { validationError } from '../../../shared/validation'
import { openCore } from '../core'
import { defaultUserDataDir, resolveDataDir } from '../data-dir'
import type { Command, OptionSpec } from './command'
import { COMMANDS } from './commands'
import { describeFieldError } from './field-errors'
import { UsageError } from './usage-error'

export { UsageError, usage } from './usage-error'

/**
 * `npm run cli -- <command> [options]`: the core without a window, for scripts and power users.
 * stdout carries the result (one JSON object with --json), stderr the errors; the exit code is 0 on success,
 * 1 when the command failed and 2 when it was called wrongly.
 */
const COMMON: OptionSpec = {
  'data-dir': { type: 'string', description: 'Data folder (default: FIELDBOOK_DATA_DIR, else the app’s own)' },
  json: { type: 'boolean', description: 'Print one JSON object on stdout' },
  help: { type: 'boolean', short: 'h', description: 'Show help' },
}

function optionHelp(options: OptionSpec): string {
  return Object.entries(options)
    .map(([name, spec]) => `  --${name}${spec.type === 'string' ? ' VALUE' : ''}`.padEnd(26) + spec.description)
    .join('\n')
}

function mainHelp(): string {
  const commands = COMMANDS.map((c) => `  ${c.name.padEnd(22)}${c.summary}`).join('\n')
  return `Usage: npm run cli -- <command> [options]\n\nCommands:\n${commands}\n\nOptions for every command:\n${optionHelp(COMMON)}\n\nRun a command with --help for its own options.`
}

function commandHelp(command: Command): string {
  const own = Object.keys(command.options).length > 0 ? `Options:\n${optionHelp(command.options)}\n\n` : ''
  return `Usage: npm run cli -- ${command.usage} [--data-dir DIR] [--json]\n\n${command.summary}.\n\n${own}Common options:\n${optionHelp(COMMON)}`
}

export async function runCli(
  argv: string[],
  io: { out: (text: string) => void; err: (text: string) => void } = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  },
): Promise<number> {
  const [name, ...rest] = argv
  const wantsJson = rest.includes('--json')
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(mainHelp())
    return name ? 0 : 2
  }
  const command = COMMANDS.find((c) => c.name === name)
  try {
    if (!command) throw new UsageError(`Unknown command "${name}". Run with --help to see the commands.`)
    let parsed
    try {
      parsed = parseArgs({ args: rest, options: { ...COMMON, ...command.options }, allowPositionals: true, strict: true })
    } catch (error) {
      throw new UsageError((error as Error).message)
    }
    if (parsed.values['help']) {
      io.out(commandHelp(command))
      return 0
    }
    const dataDir = resolveDataDir({
      argv: typeof parsed.values['data-dir'] === 'string' ? ['--data-dir', parsed.values['data-dir']] : [],
      env: process.env,
      userDataDir: defaultUserDataDir(),
    })
    let core
    try {
      core = openCore({ dataDir, appVersion: process.env['npm_package_version'] ?? '0.0.0' })
    } catch (error) {
      const unopenable = error instanceof AppError && (error.code === 'DB_OPEN_FAILED' || error.code === 'DB_NEWER_VERSION')
      if (!unopenable || !command.runOnUnopenable) throw error
      const result = await command.runOnUnopenable(dataDir, parsed.values, parsed.positionals)
      io.out(wantsJson ? JSON.stringify(result) : command.format(result))
      return 0
    }
    try {
      const result = await command.run(core, parsed.values, parsed.positionals)
      io.out(wantsJson ? JSON.stringify(result) : command.format(result))
      return 0
    } finally {
      core.close()
    }
  } catch (caught) {
    let error = caught
    if (error instanceof z.ZodError) error = validationError(error)
    if (error instanceof UsageError) {
      if (wantsJson) io.err(JSON.stringify({ error: { code: 'USAGE', message: error.message } }))
      else io.err(command ? `${error.message}\nUsage: npm run cli -- ${command.usage}` : error.message)
      return 2
    }
    const data: AppErrorData =
      error instanceof AppError ? error.toData() : { code: 'INTERNAL', message: (error as Error).message ?? String(error) }
    if (wantsJson) io.err(JSON.stringify({ error: data }))
    else {
      io.err(`Error [${data.code}]: ${data.message}`)
      for (const field of data.details?.fieldErrors ?? []) io.err(`  ${field.path}: ${describeFieldError(field)}`)
    }
    return 1
  }
}
