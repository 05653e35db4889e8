// An append-only UTF-8 string arena in shared memory, so that any thread can print what
// another thread recorded (creation stacks, site tables).
//
// Invariants: bytes are written before their (offset, length) is published in a table;
// nothing is ever freed or overwritten. A full arena yields offset -1 and one warning.
import { H_STRING_CURSOR, STRINGS_BYTES, World } from './world';
import { A } from './intrinsics';
import { warnOnce } from './warn';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Stores s; returns [offset, length] or [-1, 0] when the arena is full. Call under the global lock. */
export function storeString(world: World, s: string): [number, number] {
  const bytes = encoder.encode(s);
  const at = A.load(world.header, H_STRING_CURSOR);
  if (at + bytes.length > STRINGS_BYTES) {
    warnOnce('strings-full', 'string table full; later reports may lack stacks');
    return [-1, 0];
  }
  world.stringBytes.set(bytes, at);
  A.store(world.header, H_STRING_CURSOR, at + bytes.length);
  return [at, bytes.length];
}

export function loadString(world: World, offset: number, length: number): string | undefined {
  if (offset < 0 || length <= 0) return undefined;
  return decoder.decode(world.stringBytes.slice(offset, offset + length));
}
