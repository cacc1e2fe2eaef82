export interface Target {
  platform: string
  arch: string
}
export function requestedTargets(args: readonly string[], host?: Target): Target[]
export function refusal(target: Target, host?: Target): string | null
