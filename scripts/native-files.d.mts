export interface BinaryTarget {
  platform: string
  arch: string
  format: 'ELF' | 'Mach-O' | 'PE'
}
export function binaryTarget(file: string): BinaryTarget | null
export function isNativeFileName(name: string): boolean
export function findNativeFiles(dir: string): string[]
export const BUILDER_ARCHES: Readonly<Record<number, string>>
export function foreignNativeFiles(dir: string, platform: string, arch: string): { file: string; builtFor: string }[]
