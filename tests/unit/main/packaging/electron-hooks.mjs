// Module resolve hook (module.register): `electron` is answered by the stand-in module beside this file.
const STAND_IN = new URL('./electron-module.mjs', import.meta.url).href

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: STAND_IN, shortCircuit: true }
  return nextResolve(specifier, context)
}
