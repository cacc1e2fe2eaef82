export default function afterPack(context: { electronPlatformName: string; arch: number; appOutDir: string }): Promise<void>
