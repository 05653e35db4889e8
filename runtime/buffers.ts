// The buffer registry: gives each SharedArrayBuffer its BufferShadow and remembers where
// the buffer was created, for the "Location is SharedArrayBuffer #k" part of reports.
//
// Invariants:
// - A SharedArrayBuffer object carries its BufferShadow under a private symbol; objects
//   for the same memory in one thread share one BufferShadow (same id, same shadow).
// - Buffers created by `new SharedArrayBuffer` in a tracked thread are registered at
//   creation, with the creating stack; a buffer first met some other way (for example a
//   WebAssembly memory) is registered when first met, without one.
import { ctx } from './context';
import { thread } from './thread-state';
import { A, OrigSharedArrayBuffer, isSharedArrayBuffer, sabByteLength } from './intrinsics';
import { BUFFERS_AT, BUFFER_WORDS, H_NEXT_BUFFER, MAX_BUFFERS } from './world';
import { BufferShadow } from './buffer-shadow';
import { BufferId, asBufferId } from './types';
import { loadString, storeString } from './strings';
import { Frame, captureRawFrames, mapFrames } from './stack';
import { warn, warnOnce } from './warn';

/** Largest buffer jsrace shadows: 1 GiB of application memory (2 GiB of shadow). */
export const MAX_SHADOWED_BYTES = 1 << 30;

const kShadow = Symbol('jsrace.bufferShadow');
const byId = new Map<number, BufferShadow>();

type Tagged = SharedArrayBuffer & { [kShadow]?: BufferShadow };

const growableGetter = Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'growable')?.get;
const maxByteLengthGetter = Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'maxByteLength')?.get;

function maxLength(sab: SharedArrayBuffer): number {
  if (growableGetter && maxByteLengthGetter && growableGetter.call(sab)) return maxByteLengthGetter.call(sab) as number;
  return sabByteLength.call(sab);
}

/** Buffers that cannot carry a property (a WebAssembly memory's are not extensible). */
const untaggable = new WeakMap<object, BufferShadow>();

function tag(target: object, shadow: BufferShadow): BufferShadow {
  if (Object.isExtensible(target)) {
    Object.defineProperty(target, kShadow, { value: shadow, configurable: true, enumerable: false, writable: false });
  } else {
    untaggable.set(target, shadow);
  }
  return shadow;
}

function tagged(target: object): BufferShadow | undefined {
  return (target as Tagged)[kShadow] ?? untaggable.get(target);
}

/** The shadow of a buffer, registering it on first sight. Only called on slow paths. */
export function shadowOf(sab: SharedArrayBuffer): BufferShadow {
  return tagged(sab) ?? registerBuffer(sab, []);
}

/** Fast lookup for the access path: undefined when the buffer is not yet known here. */
export function knownShadow(sab: ArrayBufferLike): BufferShadow | undefined {
  return (sab as Tagged)[kShadow];
}

export function registerBuffer(sab: SharedArrayBuffer, createdAt: Frame[]): BufferShadow {
  return tag(sab, newShadow(maxLength(sab), createdAt));
}

/** A new id and shadow memory for `byteLength` bytes (the most the memory can ever hold). */
function newShadow(byteLength: number, createdAt: Frame[]): BufferShadow {
  const world = ctx.world;
  let id: number;
  ctx.globalLock.lock();
  try {
    id = A.load(world.header, H_NEXT_BUFFER);
    if (id >= MAX_BUFFERS) {
      warnOnce('buffers-full', `more than ${MAX_BUFFERS - 1} SharedArrayBuffers; later ones are not checked`);
      return new BufferShadow(asBufferId(0), byteLength, null, null);
    }
    A.store(world.header, H_NEXT_BUFFER, id + 1);
    const at = BUFFERS_AT + id * BUFFER_WORDS;
    world.header[at] = Math.min(byteLength, 0x7fffffff);
    if (createdAt.length) {
      const [off, len] = storeString(world, JSON.stringify(createdAt));
      world.header[at + 1] = off;
      world.header[at + 2] = len;
    } else {
      world.header[at + 1] = -1;
    }
    world.header[at + 3] = thread.threadId;
  } finally {
    ctx.globalLock.unlock();
  }
  let shadowMemory: SharedArrayBuffer | null = null;
  if (byteLength > MAX_SHADOWED_BYTES) {
    warn(`SharedArrayBuffer #${id} of ${byteLength} bytes is too big to shadow (limit ${MAX_SHADOWED_BYTES} bytes); its accesses are not checked`);
  } else if (byteLength > 0) {
    try {
      shadowMemory = new OrigSharedArrayBuffer(BufferShadow.shadowBytes(byteLength));
      markInternal(shadowMemory);
    } catch {
      warn(`no memory to shadow SharedArrayBuffer #${id} of ${byteLength} bytes; its accesses are not checked`);
    }
  }
  const shadow = new BufferShadow(asBufferId(id), byteLength, shadowMemory, shadowMemory ? world.stripeWords : null);
  byId.set(id, shadow);
  return shadow;
}

/** Marks jsrace's own shared memory (the world, shadows) so that no access to it is ever checked. */
export function markInternal(sab: SharedArrayBuffer): void {
  if (!tagged(sab)) tag(sab, new BufferShadow(asBufferId(0), 0, null, null));
}

/** Tags a buffer (or a WebAssembly.Memory) that arrived from another thread with the shadow its sender uses. */
export function adoptBuffer(sab: object, id: number, maxByteLength: number, shadowMemory: SharedArrayBuffer | null): void {
  if ((sab as Tagged)[kShadow]) return;
  if (shadowMemory) markInternal(shadowMemory);
  let shadow = byId.get(id);
  if (!shadow) {
    shadow = new BufferShadow(asBufferId(id), maxByteLength, shadowMemory, shadowMemory ? ctx.world.stripeWords : null);
    byId.set(id, shadow);
  }
  tag(sab, shadow);
}

export interface BufferInfo {
  id: BufferId;
  createdAt: Frame[];
}

export function bufferInfo(id: BufferId): BufferInfo {
  const world = ctx.world;
  const at = BUFFERS_AT + id * BUFFER_WORDS;
  const stack = id > 0 ? loadString(world, world.header[at + 1], world.header[at + 2]) : undefined;
  return { id, createdAt: stack ? mapFrames(JSON.parse(stack) as Frame[]) : [] };
}

const WASM_PAGE = 65536;
const memoryMaximum = new WeakMap<object, number>();
const memoryOrigin = new WeakMap<object, Frame[]>();

/**
 * A shared WebAssembly.Memory hands out a new SharedArrayBuffer after each grow; all of
 * them are one memory, so they share the memory's one shadow, sized for its maximum.
 */
function installWasmMemoryHook(): void {
  const Memory = (globalThis as { WebAssembly?: { Memory?: new (d: unknown) => object } }).WebAssembly?.Memory;
  if (typeof Memory !== 'function') return;
  const bufferGetter = Object.getOwnPropertyDescriptor(Memory.prototype, 'buffer')?.get;
  if (!bufferGetter) return;
  Object.defineProperty(Memory.prototype, 'buffer', {
    configurable: true,
    enumerable: false,
    get(this: object) {
      const buffer = bufferGetter.call(this) as ArrayBufferLike;
      if (thread.active && isSharedArrayBuffer(buffer) && !tagged(buffer)) {
        try {
          let shadow = (this as { [kShadow]?: BufferShadow })[kShadow];
          const length = sabByteLength.call(buffer);
          if (!shadow || shadow.maxByteLength < length) {
            const max = Math.max(length, (memoryMaximum.get(this) ?? 0) * WASM_PAGE);
            shadow = newShadow(max, memoryOrigin.get(this) ?? []);
            Object.defineProperty(this, kShadow, { value: shadow, configurable: true, enumerable: false, writable: true });
          }
          tag(buffer as SharedArrayBuffer, shadow);
        } catch (e) {
          warnOnce('fault:wasm', `internal error tracking a WebAssembly.Memory: ${(e as Error)?.message}`);
        }
      }
      return buffer;
    },
  });
  const proxy = new Proxy(Memory, {
    construct(target, args, newTarget) {
      const memory = Reflect.construct(target, args, newTarget === proxy ? target : newTarget) as object;
      const descriptor = args[0] as { shared?: boolean; maximum?: number } | undefined;
      if (descriptor?.shared) {
        memoryMaximum.set(memory, Number(descriptor.maximum) || 0);
        memoryOrigin.set(memory, captureRawFrames());
      }
      return memory;
    },
  });
  Object.defineProperty(Memory.prototype, 'constructor', { value: proxy, writable: true, configurable: true, enumerable: false });
  (globalThis as unknown as { WebAssembly: Record<string, unknown> }).WebAssembly.Memory = proxy;
}

/** The shadow of a shared WebAssembly.Memory, created on first sight. */
export function memoryShadowOf(memory: { buffer: unknown }): BufferShadow | undefined {
  void memory.buffer; // the getter attaches the memory's shadow
  return (memory as { [kShadow]?: BufferShadow })[kShadow];
}

let untrackedDepth = 0;
/** Runs fn with buffers it creates treated as Node's own (module.register makes one for its hooks thread). */
export function untracked<T>(fn: () => T): T {
  untrackedDepth++;
  try {
    return fn();
  } finally {
    untrackedDepth--;
  }
}

/**
 * Replaces the global SharedArrayBuffer constructor with a transparent proxy that
 * registers each new buffer with its creation stack. Node's internals keep the original.
 */
export function installBufferHook(): void {
  const proxy = new Proxy(OrigSharedArrayBuffer, {
    construct(target, args, newTarget) {
      const sab = Reflect.construct(target, args, newTarget === proxy ? target : newTarget) as SharedArrayBuffer;
      try {
        if (untrackedDepth > 0) markInternal(sab);
        else registerBuffer(sab, captureRawFrames());
      } catch (e) {
        warnOnce('fault:buffer', `internal error registering a SharedArrayBuffer: ${(e as Error)?.message}`);
      }
      return sab;
    },
  });
  Object.defineProperty(OrigSharedArrayBuffer.prototype, 'constructor', {
    value: proxy, writable: true, configurable: true, enumerable: false,
  });
  Object.defineProperty(globalThis, 'SharedArrayBuffer', {
    value: proxy, writable: true, configurable: true, enumerable: false,
  });
  installWasmMemoryHook();
}
