import { spawnSync } from 'node:child_process'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return result!.messages.filter((m) => m.ruleId === 'fieldbook/layer-imports').map((m) => m.message)
}

describe('import rules between folders', () => {
  it.each([
    ['shared/bad.ts', "import { readFileSync } from 'node:fs'"],
    ['shared/bad.ts', "import fs from 'fs'"],
    ['shared/schemas/bad.ts', "import { newId } from '../../electron/core/ids'"],
    ['shared/bad.ts', "import React from 'react'"],
    ['shared/bad.ts', "export * from '../renderer/src/App'"],
    ['electron/core/bad.ts', "import { app } from 'electron'"],
    ['electron/core/bad.ts', "const e = require('electron')"],
    ['electron/core/bad.ts', "import { x } from '../main/index'"],
    ['server/bad.ts', "import { ipcMain } from 'electron'"],
    ['server/bad.ts', "import { openCore } from '../electron/core/core'"],
    ['renderer/src/bad.ts', "import { join } from 'node:path'"],
    ['renderer/src/bad.ts', "import { ipcRenderer } from 'electron'"],
    ['renderer/src/bad.ts', "const m = await import('../../electron/core/core')"],
    ['electron/preload/bad.ts', "import { openCore } from '../core/core'"],
  ])('%s may not: %s', async (file, code) => {
    expect(await layerErrors(file, code)).toHaveLength(1)
  })

  it.each([
    ['shared/ok.ts', "import { z } from 'zod'\nimport { AppError } from './errors'"],
    ['shared/schemas/ok.ts', "import { Id } from './common'\nimport { AppError } from '../errors'"],
    ['electron/core/ok.ts', "import { join } from 'node:path'\nimport Database from 'better-sqlite3'\nimport { procedures } from '../../shared/contract'"],
    ['electron/main/ok.ts', "import { app } from 'electron'\nimport { openCore } from '../core/core'"],
    ['electron/preload/ok.ts', "import { contextBridge } from 'electron'\nimport { INVOKE_CHANNEL } from '../../shared/contract'"],
    ['renderer/src/ok.ts', "import { Button } from 'antd'\nimport { procedures } from '../../shared/contract'"],
    ['server/ok.ts', "import { createServer } from 'node:http'\nimport { HybridLogicalClock } from '../shared/hlc'"],
  ])('%s may: %s', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([])
  })

  it('makes the lint command fail on a file that breaks a rule', () => {
    const run = spawnSync(
      process.execPath,
      ['node_modules/eslint/bin/eslint.js', '--max-warnings', '0', '--stdin', '--stdin-filename', 'shared/bad.ts'],
      { input: "import { app } from 'electron'\nexport const x = app\n", encoding: 'utf8' },
    )
    expect(run.status).toBe(1)
    expect(run.stdout).toMatch(/fieldbook\/layer-imports/)
  })
})
