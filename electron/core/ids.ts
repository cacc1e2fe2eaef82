import { v7 as uuidv7 } from 'uuid'

/** Record ids are UUIDv7: made offline on any laptop, never colliding, and sortable by creation time. */
export function newId(): string {
  return uuidv7()
}
