import { runServerCli } from './cli'

/** `npm run server -- [command] [options]`: the team's sync server and its administration (see cli.ts). */
process.exitCode = await runServerCli(process.argv.slice(2))
