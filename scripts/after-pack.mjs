// electron-builder's afterPack hook (electron-builder.yml): the package must not carry a native file built for
// another OS or architecture than its target. Without this a Windows installer made on Linux would ship Linux's
// sharp and SQLite, and fail on the user's machine at its first start.
import { relative } from 'node:path'
import { BUILDER_ARCHES, foreignNativeFiles } from './native-files.mjs'

export default async function afterPack(context) {
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName
  const arch = BUILDER_ARCHES[context.arch] ?? String(context.arch)
  const wrong = foreignNativeFiles(context.appOutDir, platform, arch)
  if (wrong.length === 0) return
  const lines = wrong.map(({ file, builtFor }) => `  ${relative(context.appOutDir, file)} (built for ${builtFor})`)
  throw new Error(
    [
      `This package for ${platform}-${arch} contains native files built for another platform:`,
      ...lines,
      `Build the ${platform}-${arch} package on a ${platform}-${arch} machine (see "Build installers" in README.md).`,
    ].join('\n'),
  )
}
