// Message edges: a postMessage happens-before the matching receipt. A send from a tracked
// thread to a port whose other end runs jsrace wraps the user's message in an envelope that
// carries the sender's clock and the identity (id and shadow) of every SharedArrayBuffer in
// the message; the receiving side unwraps it before any listener sees it.
//
// Invariants:
// - A listener, `receiveMessageOnPort` or `worker.on('message')` never sees an envelope.
// - Only ports known to lead to a jsrace thread get envelopes: ports of MessageChannels made
//   in a jsrace thread, a worker's parentPort when its parent runs jsrace, the worker
//   objects jsrace created, and ports that arrived inside an envelope. Node's internal
//   ports (stdio, worker control) are never among them, so their traffic passes untouched.
// - The walk over a message reads data properties only; it never runs a getter or a proxy
//   trap, so it cannot change what the program computes.
import * as types from 'util/types';
import { thread } from './thread-state';
import { typedArrayBuffer, dataViewBuffer, isDataView } from './intrinsics';
import { shadowOf, adoptBuffer, memoryShadowOf } from './buffers';
import { BufferShadow } from './buffer-shadow';
import { join } from './vector-clock';
import { guard } from './warn';

const ENVELOPE = '__jsrace_envelope_v1__';

interface Envelope {
  [ENVELOPE]: 1;
  data: unknown;
  clock: Uint32Array;
  /** Flattened [buffer, id, maxByteLength, shadow memory] for each shared buffer in data. */
  buffers: unknown[];
  /** Ports transferred with the message: they lead back to a jsrace thread. */
  ports: unknown[];
}

const capablePorts = new WeakSet<object>();

export function markCapable(port: object | null | undefined): void {
  if (port) capablePorts.add(port);
}
export function isCapable(port: object): boolean {
  return capablePorts.has(port);
}

function isEnvelope(v: unknown): v is Envelope {
  return typeof v === 'object' && v !== null && (v as Envelope)[ENVELOPE] === 1;
}

const WasmMemory = (globalThis as { WebAssembly?: { Memory?: Function } }).WebAssembly?.Memory;

/** Every SharedArrayBuffer (and shared WebAssembly.Memory) reachable through data properties of the message. */
function sharedBuffersIn(root: unknown): object[] {
  const found = new Set<object>();
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (types.isProxy(v)) continue;
    if (types.isSharedArrayBuffer(v)) {
      found.add(v as SharedArrayBuffer);
      continue;
    }
    if (WasmMemory && v instanceof WasmMemory) {
      if (types.isSharedArrayBuffer((v as { buffer: unknown }).buffer)) found.add(v);
      continue;
    }
    if (ArrayBuffer.isView(v)) {
      const b = isDataView(v) ? dataViewBuffer.call(v) : typedArrayBuffer.call(v);
      if (types.isSharedArrayBuffer(b)) found.add(b as SharedArrayBuffer);
      continue;
    }
    if (types.isArrayBuffer(v) || types.isDate(v) || types.isRegExp(v) || types.isBoxedPrimitive(v)) continue;
    if (types.isMap(v)) {
      for (const [k, x] of Map.prototype.entries.call(v) as IterableIterator<[unknown, unknown]>) stack.push(k, x);
      continue;
    }
    if (types.isSet(v)) {
      for (const x of Set.prototype.values.call(v) as IterableIterator<unknown>) stack.push(x);
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const d = Object.getOwnPropertyDescriptor(v, i);
        if (d && 'value' in d) stack.push(d.value);
      }
      continue;
    }
    for (const k of Object.keys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, k);
      if (d && 'value' in d) stack.push(d.value);
    }
  }
  return [...found];
}

export function describeBuffers(data: unknown): unknown[] {
  const out: unknown[] = [];
  for (const shared of sharedBuffersIn(data)) {
    const s: BufferShadow | undefined = types.isSharedArrayBuffer(shared)
      ? shadowOf(shared as SharedArrayBuffer) : memoryShadowOf(shared as { buffer: unknown });
    if (s) out.push(shared, s.id, s.maxByteLength, s.shadow);
  }
  return out;
}

export function adoptBuffers(list: unknown[]): void {
  for (let i = 0; i + 3 < list.length; i += 4) {
    adoptBuffer(list[i] as object, list[i + 1] as number, list[i + 2] as number, list[i + 3] as SharedArrayBuffer | null);
  }
}

/** The MessagePorts (and other transferables) in a transfer list or `{ transfer }` option. */
export function transferredPorts(transfer: unknown): unknown[] {
  const list = Array.isArray(transfer) ? transfer
    : transfer && typeof transfer === 'object' && Array.isArray((transfer as { transfer?: unknown }).transfer)
      ? (transfer as { transfer: unknown[] }).transfer : [];
  return list.filter((x) => typeof x === 'object' && x !== null && !types.isArrayBuffer(x));
}

/** The release half of a send: the envelope that carries this thread's knowledge. */
export function wrap(data: unknown, transfer: unknown): Envelope {
  const n = thread.slotsUsed();
  const clock = thread.clock.slice(0, n);
  clock[thread.slot] = thread.releaseEpoch();
  thread.advance();
  const ports = transferredPorts(transfer);
  return { [ENVELOPE]: 1, data, clock, buffers: describeBuffers(data), ports };
}

/** The acquire half of a receipt: returns the user's message. Non-envelopes pass as they are. */
export function unwrap(message: unknown): unknown {
  if (!isEnvelope(message)) return message;
  guard('message receipt', undefined, () => {
    if (thread.active) join(thread.clock, message.clock, Math.min(message.clock.length, thread.slotsUsed()));
    adoptBuffers(message.buffers);
    for (const p of message.ports) if (typeof p === 'object' && p) markCapable(p);
  });
  return message.data;
}

/** A send on a port that does not lead to jsrace: its ports no longer do either. */
export function sentRaw(transfer: unknown): void {
  for (const p of transferredPorts(transfer)) capablePorts.delete(p as object);
}
