import { join } from 'node:path'
import { loadSharp } from '../load-on-first-use'

export const THUMBNAIL_PX = 320
export const PREVIEW_PX = 1920

/** Width and height as the photo is meant to be seen: a phone's portrait photo is stored sideways with EXIF 6. */
export async function uprightSize(bytes: Uint8Array): Promise<{ width: number; height: number }> {
  const sharp = await loadSharp()
  const metadata = await sharp(bytes).metadata()
  const width = metadata.autoOrient?.width ?? metadata.width ?? 0
  const height = metadata.autoOrient?.height ?? metadata.height ?? 0
  return { width, height }
}

/**
 * An upright JPEG whose longer side is at most `px`, never enlarged. Transparency goes on white; the EXIF
 * (with the place a photo was taken) is not copied.
 */
export async function uprightJpeg(bytes: Uint8Array, px: number, quality: number): Promise<Buffer> {
  const sharp = await loadSharp()
  return sharp(bytes, { failOn: 'error' })
    .rotate()
    .resize(px, px, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality })
    .toBuffer()
}

export const thumbnailOf = (bytes: Uint8Array) => uprightJpeg(bytes, THUMBNAIL_PX, 76)
/**
 * The photo as documents print it: placed at most about 11.6 cm wide, 800 px gives some 175 dpi and keeps a
 * report with 100 photos small. Made once when the photo is attached, so an export never decodes the original.
 */
export const REPORT_PX = 800
export const reportRenditionOf = (bytes: Uint8Array) => uprightJpeg(bytes, REPORT_PX, 68)

/** Where the resized copies of a photo are kept, beside the originals: `attachments/thumbs/<hash>-<px>.jpg`. */
export function renditionPath(attachmentsRoot: string, hash: string, px: number): string {
  return join(attachmentsRoot, 'thumbs', `${hash}-${px}.jpg`)
}
export const previewOf = (bytes: Uint8Array) => uprightJpeg(bytes, PREVIEW_PX, 84)
