// The import rules of docs/architecture.md ("Layers and their import rules") as one lint rule: each folder may import only from the layers and packages
// listed for it. Relative imports are resolved, so `../../electron/main` from shared/ is caught too.
import { builtinModules } from 'node:module'
import { dirname, relative, resolve, sep } from 'node:path'

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]))

/** Most specific folder first. */
export const LAYERS = [
  { folder: 'electron/core', mayImport: ['shared', 'electron/core'], node: true, packages: 'any-but-electron' },
  { folder: 'electron/main', mayImport: ['shared', 'electron/core', 'electron/main'], node: true, packages: 'any' },
  { folder: 'electron/preload', mayImport: ['shared', 'electron/preload'], node: false, packages: ['electron'] },
  { folder: 'shared', mayImport: ['shared'], node: false, packages: ['zod'] },
  { folder: 'renderer', mayImport: ['shared', 'renderer'], node: false, packages: 'any-but-electron' },
  { folder: 'server', mayImport: ['shared', 'server'], node: true, packages: 'any-but-electron' },
]

function layerOf(rootDir, file) {
  const rel = relative(rootDir, file).split(sep).join('/')
  return LAYERS.find((layer) => rel === layer.folder || rel.startsWith(`${layer.folder}/`))
}

function packageName(source) {
  const parts = source.split('/')
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
}

function problem(layer, source, rootDir, file) {
  if (source.startsWith('.') || source.startsWith('/')) {
    const target = resolve(dirname(file), source)
    const rel = relative(rootDir, target).split(sep).join('/')
    const allowed = layer.mayImport.some((folder) => rel === folder || rel.startsWith(`${folder}/`))
    return allowed ? null : `${layer.folder}/ may import only from ${layer.mayImport.join(', ')}; not ${rel}`
  }
  if (NODE_BUILTINS.has(source) || NODE_BUILTINS.has(packageName(source))) {
    return layer.node ? null : `${layer.folder}/ must not use Node's '${source}'`
  }
  const name = packageName(source)
  if (layer.packages === 'any') return null
  if (layer.packages === 'any-but-electron') {
    return name === 'electron' || name.startsWith('@electron/') ? `${layer.folder}/ must not import '${source}'` : null
  }
  return layer.packages.includes(name) ? null : `${layer.folder}/ may import only ${layer.packages.join(', ')}; not '${source}'`
}

const layerImports = {
  meta: { type: 'problem', schema: [], docs: { description: 'Enforce the folder import rules of docs/architecture.md' } },
  create(context) {
    const rootDir = context.cwd
    const layer = layerOf(rootDir, context.filename)
    if (!layer) return {}
    const check = (node, sourceNode) => {
      if (!sourceNode || sourceNode.type !== 'Literal' || typeof sourceNode.value !== 'string') return
      const message = problem(layer, sourceNode.value, rootDir, context.filename)
      if (message) context.report({ node, message })
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0])
      },
    }
  },
}

export default { rules: { 'layer-imports': layerImports } }
