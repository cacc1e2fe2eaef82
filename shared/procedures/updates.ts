import { z } from 'zod'
import { NoInput, procedure } from './define'

/** Where this installation looks for updates: a folder on the college's web server (electron-builder's generic provider). */
export const UpdateSettings = z.object({ url: z.string() })
export type UpdateSettings = z.infer<typeof UpdateSettings>

export const UpdateUrlInput = z
  .object({
    /** Empty: no update address (nothing is ever checked). */
    url: z
      .string()
      .trim()
      .max(2000)
      .refine((text) => text === '' || /^https?:\/\/[^\s/]+/i.test(text), { message: 'invalidFormat' }),
  })
  .strict()

/** What a check found: nothing newer, a newer version, or no check possible (no address, a development build). */
export const UpdateCheck = z.object({
  status: z.enum(['current', 'available', 'noAddress', 'unsupported']),
  currentVersion: z.string(),
  availableVersion: z.string().optional(),
})
export type UpdateCheck = z.infer<typeof UpdateCheck>

export const updateProcedures = {
  'update.getSettings': procedure(NoInput, UpdateSettings),
  'update.setUrl': procedure(UpdateUrlInput, UpdateSettings),
  /** Asks the update address whether a newer version exists; only when the user asks, never by itself. */
  'update.check': procedure(NoInput, UpdateCheck),
  /** Downloads the newer version, then quits and installs it (the user asked for this after a check). */
  'update.install': procedure(NoInput, z.object({ installing: z.boolean() })),
}
