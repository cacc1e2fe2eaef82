import { loadSharp } from '../load-on-first-use'
import type { BlobStore } from '../attachments/blob-store'
import type { Prng } from './prng'

export interface SamplePhoto {
  hash: string
  size: number
  mime: 'image/jpeg' | 'image/png'
  width: number
  height: number
}

const WIDTH = 320
const HEIGHT = 240

/** A few hundred distinct photos at most: the same shot of a production line is taken again and again. */
export function distinctPhotoCount(photos: number): number {
  return Math.min(photos, Math.max(10, Math.ceil(photos / 8)))
}

/**
 * Small real images (JPEG, every tenth a PNG) drawn from the seeded source — a sky-to-floor gradient with a few
 * "machines" — so the same seed gives the same bytes and hashes. Stored in the blob store like any attachment.
 */
export async function makePhotos(prng: Prng, photos: number, blobs: BlobStore): Promise<SamplePhoto[]> {
  const sharp = await loadSharp()
  const out: SamplePhoto[] = []
  for (let i = 0; i < distinctPhotoCount(photos); i++) {
    const pixels = Buffer.alloc(WIDTH * HEIGHT * 3)
    const top = [prng.int(90, 230), prng.int(90, 230), prng.int(90, 230)]
    const bottom = [prng.int(20, 120), prng.int(20, 120), prng.int(20, 120)]
    for (let y = 0; y < HEIGHT; y++) {
      for (let x = 0; x < WIDTH; x++) {
        const at = (y * WIDTH + x) * 3
        for (let c = 0; c < 3; c++) pixels[at + c] = Math.round(top[c]! + ((bottom[c]! - top[c]!) * y) / HEIGHT)
      }
    }
    for (let box = prng.int(2, 6); box > 0; box--) {
      const [x0, y0] = [prng.int(0, WIDTH - 40), prng.int(HEIGHT / 3, HEIGHT - 30)]
      const [w, h, color] = [prng.int(20, 120), prng.int(15, 90), [prng.int(0, 255), prng.int(0, 255), prng.int(0, 255)]]
      for (let y = y0; y < Math.min(HEIGHT, y0 + h); y++) {
        for (let x = x0; x < Math.min(WIDTH, x0 + w); x++) pixels.set(color, (y * WIDTH + x) * 3)
      }
    }
    const png = i % 10 === 9
    const image = sharp(pixels, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    const bytes = png ? await image.png().toBuffer() : await image.jpeg({ quality: 80 }).toBuffer()
    const { hash } = await blobs.put(bytes)
    out.push({ hash, size: bytes.length, mime: png ? 'image/png' : 'image/jpeg', width: WIDTH, height: HEIGHT })
  }
  return out
}
