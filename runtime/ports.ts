// Installs the message edges on Node's MessagePort machinery: sends through
// MessagePort.prototype.postMessage, receipts through the one dispatch method every port
// listener style goes through (on('message'), addEventListener, onmessage, a Worker's
// 'message' event), and receiveMessageOnPort.
import wt = require('worker_threads');
import { syncBuiltinESMExports } from 'module';
import { thread } from './thread-state';
import { isCapable, markCapable, sentRaw, unwrap, wrap } from './messages';
import { guard } from './warn';
import { likeOriginal } from './intrinsics';

const kHybridDispatch = Symbol.for('nodejs.internal.kHybridDispatch');

type Post = (this: object, ...args: unknown[]) => unknown;

export function installPortHooks(): void {
  const proto = wt.MessagePort.prototype as unknown as Record<string | symbol, unknown>;

  const originalPost = proto.postMessage as Post;
  proto.postMessage = function postMessage(this: object, ...args: unknown[]) {
    if (args.length > 0 && thread.active && isCapable(this)) {
      const envelope = guard('postMessage', undefined, () => wrap(args[0], args[1]));
      if (envelope !== undefined) args[0] = envelope;
    } else if (args.length > 1) {
      sentRaw(args[1]);
    }
    return originalPost.apply(this, args);
  };

  const originalDispatch = proto[kHybridDispatch] as ((this: object, v: unknown, type: string, event: unknown) => unknown) | undefined;
  if (typeof originalDispatch === 'function') {
    Object.defineProperty(proto, kHybridDispatch, {
      value: function (this: object, nodeValue: unknown, type: string, event: unknown) {
        if (event === undefined && type === 'message') nodeValue = unwrap(nodeValue);
        return originalDispatch.call(this, nodeValue, type, event);
      },
      writable: true, configurable: true, enumerable: false,
    });
  }

  const originalReceive = wt.receiveMessageOnPort;
  const receiveMessageOnPort = likeOriginal(function receiveMessageOnPort(port: wt.MessagePort) {
    const result = originalReceive(port);
    if (result !== undefined) return { message: unwrap(result.message) };
    return result;
  }, originalReceive);

  const OriginalChannel = wt.MessageChannel;
  const MessageChannel = class MessageChannel extends OriginalChannel {
    constructor() {
      super();
      markCapable(this.port1);
      markCapable(this.port2);
    }
  };

  // BroadcastChannel sends through an internal port of its own, which no listener sees:
  // wrap at the channel, unwrap in the same dispatch as every port.
  const channelProto = wt.BroadcastChannel.prototype as unknown as Record<string, unknown>;
  const originalBroadcast = channelProto.postMessage as Post;
  channelProto.postMessage = likeOriginal(function postMessage(this: object, ...args: unknown[]) {
    if (args.length > 0 && thread.active) {
      const envelope = guard('BroadcastChannel', undefined, () => wrap(args[0], undefined));
      if (envelope !== undefined) args[0] = envelope;
    }
    return originalBroadcast.apply(this, args);
  }, originalBroadcast);

  // postMessageToThread arrives as process.emit('workerMessage', value, source).
  const exportsObject = wt as unknown as Record<string, unknown>;
  const originalToThread = exportsObject.postMessageToThread as ((...a: unknown[]) => unknown) | undefined;
  if (typeof originalToThread === 'function') {
    exportsObject.postMessageToThread = likeOriginal(function postMessageToThread(this: unknown, ...args: unknown[]) {
      if (args.length > 1 && thread.active) {
        const envelope = guard('postMessageToThread', undefined, () => wrap(args[1], args[2]));
        if (envelope !== undefined) args[1] = envelope;
      }
      return originalToThread.apply(this, args);
    }, originalToThread);
    const originalEmit = process.emit as (this: NodeJS.Process, name: string | symbol, ...a: unknown[]) => boolean;
    process.emit = likeOriginal(function emit(this: NodeJS.Process, name: string | symbol, ...rest: unknown[]) {
      if (name === 'workerMessage' && rest.length > 0) rest[0] = unwrap(rest[0]);
      return originalEmit.call(this, name, ...rest);
    }, originalEmit) as typeof process.emit;
  }

  exportsObject.receiveMessageOnPort = receiveMessageOnPort;
  exportsObject.MessageChannel = MessageChannel;
  if ((globalThis as { MessageChannel?: unknown }).MessageChannel === OriginalChannel) {
    Object.defineProperty(globalThis, 'MessageChannel', { value: MessageChannel, writable: true, configurable: true, enumerable: false });
  }
  syncBuiltinESMExports();
}
