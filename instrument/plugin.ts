// The jsrace Babel plugin: rewrites every computed member access that may touch a typed
// array into a call of the runtime's shims, keeping the program's meaning exactly.
//
// The user's own access stays at the site (so V8's inline cache there sees only the site's
// objects), followed or preceded by an inline test that costs a map check for anything that
// is not a view of shared memory:
//   check(o, k, F)      =  isView(o) && o[UNSHARED] !== true && R.element(o, k, F, site)
//   a[i]                -> (o = a, k = i, check(o, k, READ), o[k])
//   a[i] = v            -> (o = a, k = i, w = o[k] = v, check(o, k, WRITE), w)
//   a[i] op= v          -> (o = a, k = i, o[k] = (check(o, k, READ), o[k]) op v, check(o, k, WRITE))
//   a[i] &&= v          -> (o = a, k = i, (check(.., READ), o[k]) && (o[k] = v, check(.., WRITE)))
//   a[i]++ / --a[i]     -> (o = a, k = i, check(.., READ), n = o[k], o[k] = ++n, check(.., WRITE), n)
// where a temp is left out when re-evaluating the operand is pure, and the value is kept
// only when the expression's value is used. A read is checked just before it happens and a
// write just after, so both carry the epoch of the access itself.
//   a[i](...)           -> (o = a)[R.readKey(o, i, site)](...)     (keeps `this`)
//   [a[i]] = xs         -> [R.target(a, i, site).v] = xs           (any pattern target)
//   x.fill(...)         -> R.at(x, site).fill(...)   for every method jsrace intercepts
//                          (Atomics.*, typed array, DataView, Buffer, TextEncoder/Decoder)
//                          unless it is `this.fill(...)` in a class that extends nothing and
//                          declares `fill` itself: the program's own method, not ours
//   new Int32Array(v)   -> new Int32Array(R.copySource(v, site))  (a copy reads a shared view)
//                          unless v can only be a primitive (a length)
// A let/const binding that can only ever hold a typed array made in this file from a length
// (or nothing) is never shared memory: accesses through it are left as they are. A parameter
// the function never reassigns is tested once at entry instead of at each access:
//   function f(p) {..p[i]..} -> function f(p) { const s = isView(p) && p[UNSHARED] !== true
//                                   && R.mayBeShared(p); ..(s && R.element(p, i, F, site), p[i]).. }
// An innermost loop whose only instrumentation is such tests comes in two versions, chosen
// once per run of the loop:  if (!s1 && !s2) <the loop without them> else <the loop>.
// and, for the history that rebuilds earlier stacks, the thread's stack of call sites S
// (runtime/history.ts frames), written in place, with no runtime call:
//   f(x)                -> (S[2 + d] = site, S[0] = d + 1, S[1] > d && (S[1] = d), v = f(x), S[0] = d, v)
//                          (the site goes in after anything the call evaluates first runs)
//   function f() {...}  -> function f() { const d = S[0]; try {...} finally { S[0] = d; } }
//                          when f calls something; a catch or finally in f starts with S[0] = d
//   await v             -> (t = await (t = v, d = 0, t), S[0] = d = 0, t)   (yield: (t = yield v, d = S[0], t))
//   for await (x of xs) {..} -> for await (x of (t = xs, d = 0, t)) { S[0] = d = 0; ..} S[0] = d = 0;
//                          (its implicit awaits; d = 0 first, for a catch a rejection reaches)
//   a call where no depth can be kept (a default parameter, a class field)
//                       -> R.callEnd(R.callStart(site), f(x))
//   for (v of xs)       -> for (v of R.at(xs, site))   likewise spread, array destructuring,
//                          yield* and X.from(xs): iteration of a shared array is an access
// Optional chains holding a computed member are first lowered by Babel's own transform.
// Assignments use sloppy shims in sloppy code, so a failed store stays silent there.
//
// One visitor table, applied on exit so inner accesses are rewritten first; nodes the
// plugin creates are remembered and never rewritten again, and when the plugin is alone in
// its Babel pass, what a rewrite made is not traversed again (replace).
import type { NodePath, PluginObj, PluginPass, types as BabelTypes } from '@babel/core';
import { transform as lowerOptionalChain } from '@babel/plugin-transform-optional-chaining';
// The wrappers (parentheses, type casts) that transform looks through to find a delete.
import { isTransparentExprWrapper } from '@babel/helper-skip-transparent-expression-wrappers';
import * as path from 'path';
import { SourceMapConsumer, RawSourceMap } from 'source-map';
import { FileSiteTable } from '../runtime/sites';
import { Cell } from '../runtime/shadow-cell';
import { Frames } from '../runtime/history';
import { Binding, Facts, TYPED_ARRAY_CONSTRUCTORS, factsOf } from './facts';

type T = typeof BabelTypes;
type Node = BabelTypes.Node;
type Expression = BabelTypes.Expression;
type MemberExpression = BabelTypes.MemberExpression;

/** What a loop's body turned out to need: only entry tests (these names), or more. */
interface LoopRecord { tests: Set<string>; versionable: boolean }

export const INSTRUMENTED_MARKER = 'jsrace:instrumented';
export const RUNTIME_GLOBAL = '__jsrace__';

export interface InstrumentState extends PluginPass {
  /** Whether any rewrite refers to the runtime, so the file needs the prelude. */
  usesRuntime: boolean;
  /** The depth variable of each function (or the program) that calls something, made on first use. */
  depths: WeakMap<Node, BabelTypes.Identifier>;
  /** The variable that holds a call's value while its site leaves the stack. */
  callValue: BabelTypes.Identifier;
  /** Functions whose body already reads and restores its depth (Babel may visit one twice). */
  framed: WeakSet<Node>;
  /** Per function: whether its body means the same inside the frame's try (blockSafe). */
  blockSafe: WeakMap<Node, boolean>;
  /** The thread's stack of call sites (runtime/history.ts frames), and the program's depth. */
  stack: BabelTypes.Identifier;
  programDepth: BabelTypes.Identifier;
  /** The loops being visited, innermost last (loop versioning). */
  loops: LoopRecord[];
  table: FileSiteTable;
  names: Map<string, number>;
  runtime: BabelTypes.Identifier;
  isView: BabelTypes.Identifier;
  unshared: BabelTypes.Identifier;
  base: BabelTypes.Identifier;
  generated: WeakSet<Node>;
  /** Whether this plugin is alone in its Babel pass, so that no other plugin must see a rewrite's output (replace). */
  alone: boolean;
  /** What the file proves about its bindings (instrument/facts.ts). */
  facts: Facts;
  /** Per parameter tested at its function's entry: the name of the test's result (paramTest). */
  paramTests: WeakMap<object, BabelTypes.Identifier>;
  /** Per function: its parameters tested at entry, with the name of each result. */
  entryTests: WeakMap<Node, [BabelTypes.Identifier, BabelTypes.Identifier][]>;
  /** Per const test (constTest): where its declaration ends; a loop can be versioned on it only after. */
  testReadyAt: Map<string, number>;
}

// Each Atomics operation with the number of arguments it takes: a call with no more than
// that, none spread, goes to the operation directly with its site (atomicCall); any
// other call of them passes its site through the call-site ring, as the methods below do.
const ATOMIC_ARITY = new Map([
  ['load', 2], ['store', 3], ['add', 3], ['sub', 3], ['and', 3], ['or', 3], ['xor', 3], ['exchange', 3],
  ['compareExchange', 4], ['wait', 4], ['waitAsync', 4], ['notify', 3],
]);
/** Names of the methods the runtime intercepts (runtime/methods.ts, runtime/atomics.ts). */
const INTERCEPTED = new Set([
  // Atomics
  ...ATOMIC_ARITY.keys(),
  // TypedArray
  'fill', 'set', 'copyWithin', 'slice', 'sort', 'reverse', 'toSorted', 'toReversed', 'with', 'join', 'toLocaleString',
  'at', 'indexOf', 'lastIndexOf', 'includes', 'forEach', 'map', 'filter', 'find', 'findIndex', 'findLast',
  'findLastIndex', 'every', 'some', 'reduce', 'reduceRight', 'values', 'entries',
  // Buffer beyond read*/write*
  'write', 'toString', 'copy', 'equals', 'compare', 'swap16', 'swap32', 'swap64', 'toJSON', 'concat', 'copyBytesFrom',
  // TextDecoder / TextEncoder
  'decode', 'encodeInto',
]);
const INTERCEPTED_PATTERN = /^(get|set|read|write)(U?[Ii]nt|BigU?[Ii]nt|Float|Double)/;


const READ = Cell.READ;
const WRITE = 0;

const COMPOUND = new Set(['+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=']);
const LOGICAL = new Set(['&&=', '||=', '??=']);

export interface PluginOptions {
  /** The name reports use for the file; defaults to Babel's filename. */
  file?: string;
  /** Record calls, function entries and exits for the history (default true). */
  history?: boolean;
  /** Maps the input to its original sources, for naming sites only (Vite chains output maps itself). */
  sitesMap?: RawSourceMap;
  /** For `jsrace build`: the runtime's register.js, loaded by the file itself so plain node runs it. */
  standalone?: string;
}

export default function jsracePlugin(api: { types: T }, options: PluginOptions = {}): PluginObj<InstrumentState> {
  const t = api.types;
  const withHistory = options.history !== false;

  function runtimeCall(state: InstrumentState, name: string, args: Expression[], entryTest?: BabelTypes.Identifier): BabelTypes.CallExpression {
    state.usesRuntime = true;
    for (const loop of state.loops) {
      if (entryTest) loop.tests.add(entryTest.name);
      else loop.versionable = false;
    }
    return t.callExpression(t.memberExpression(t.cloneNode(state.runtime), t.identifier(name)), args);
  }

  function siteFor(path: NodePath, node: Node, state: InstrumentState): Expression {
    let loc = node.loc ?? (node as MemberExpression).property?.loc;
    for (let p: NodePath | null = path; !loc && p; p = p.parentPath) loc = p.node.loc;
    const line = loc?.start.line ?? 0;
    const column = (loc?.start.column ?? 0) + 1;
    const fn = functionName(path);
    let nameIndex = state.names.get(fn);
    if (nameIndex === undefined) {
      nameIndex = state.table.names.length;
      state.table.names.push(fn);
      state.names.set(fn, nameIndex);
    }
    const local = state.table.sites.length;
    state.table.sites.push([line, column, nameIndex]);
    return t.binaryExpression('+', t.cloneNode(state.base), t.numericLiteral(local));
  }

  /** Whether evaluating `node` twice is the same as evaluating it once (no effects, same value). */
  function pure(path: NodePath, node: Node): boolean {
    if (t.isNumericLiteral(node) || t.isStringLiteral(node)) return true;
    if (!t.isIdentifier(node)) return false;
    const binding = path.scope.getBinding(node.name);
    return !!binding && binding.constant && binding.kind !== 'module';
  }

  /**
   * The object and key of a member access, each evaluated once and in order: a pure operand
   * is used as is, anything else goes through a temp assigned in `setup`. The object is
   * only reused when the key is too, so that nothing runs between its evaluations.
   */
  function operands(path: NodePath, member: MemberExpression, setup: Expression[]): { o: () => Expression; k: () => Expression } {
    const object = member.object as Expression;
    const key = member.property as Expression;
    const keyPure = pure(path, key);
    const keep = (node: Expression, name: string, reuse: boolean): (() => Expression) => {
      if (reuse) return () => t.cloneNode(node);
      const id = temp(path, name);
      setup.push(t.assignmentExpression('=', id, node));
      return () => t.cloneNode(id);
    };
    const o = keep(object, 'o', keyPure && (pure(path, object) || t.isThisExpression(object)));
    const k = keep(key, 'k', keyPure);
    return { o, k };
  }

  /**
   * The name of the entry test for `node` when it is a plain parameter of the function that
   * holds `path` (in its body), never reassigned: its value is then the same at every access.
   * Sloppy functions whose file uses `arguments` are left out (it aliases parameters there).
   */
  function paramTest(path: NodePath, node: Node, state: InstrumentState): BabelTypes.Identifier | undefined {
    if (!t.isIdentifier(node)) return undefined;
    const binding = path.scope.getBinding(node.name);
    if (binding?.kind === 'const') return constTest(path, node, binding, state);
    if (!binding || binding.kind !== 'param' || !binding.constant) return undefined;
    const fn = path.getFunctionParent();
    const param = binding.path;
    if (!fn || param.parentPath !== fn || param.listKey !== 'params' || !param.isIdentifier()) return undefined;
    // A parameter another transform made has no location, and Babel may not know its
    // assignments: the optional-chaining transform's temporary in `(() => o.a?.[j])()` is a
    // parameter assigned in the body, which the binding still calls constant.
    if (!param.node.loc) return undefined;
    if (!path.isDescendant(fn.get('body') as NodePath) || state.facts.hiddenAssignments(path)) return undefined;
    if (!path.isInStrictMode() && state.facts.programGlobals(path).arguments) return undefined;
    let id = state.paramTests.get(binding);
    if (!id) {
      id = fn.scope.generateUidIdentifier(`${node.name}MayBeShared`);
      state.paramTests.set(binding, id);
      let tests = state.entryTests.get(fn.node);
      if (!tests) state.entryTests.set(fn.node, tests = []);
      tests.push([id, t.identifier(node.name)]);
    }
    return id;
  }

  /**
   * The name of the test for `node` when it is a const of the function that holds `path`,
   * declared in a statement list before `path`: the test is declared right after that
   * declaration (`const { a } = x; const _aMayBeShared = ...;`), so it has run whenever the
   * access does, and a const never changes its value.
   */
  function constTest(path: NodePath, node: BabelTypes.Identifier, binding: Binding, state: InstrumentState): BabelTypes.Identifier | undefined {
    const decl = binding.path;
    const stmt = decl.parentPath;
    if (!decl.isVariableDeclarator() || !stmt?.isVariableDeclaration()) return undefined;
    // Only in a list of statements that run in order (not a for head, not a switch case).
    const list = stmt.parentPath;
    if (!list || !(list.isBlockStatement() || list.isProgram() || list.isStaticBlock()) || stmt.listKey !== 'body') return undefined;
    if (path.getFunctionParent()?.node !== decl.getFunctionParent()?.node) return undefined;
    const start = path.node.start;
    const end = stmt.node.end;
    if (start == null || end == null || start < end || state.facts.hiddenAssignments(path)) return undefined;
    let id = state.paramTests.get(binding);
    if (!id) {
      id = stmt.scope.generateUidIdentifier(`${node.name}MayBeShared`) as BabelTypes.Identifier;
      state.paramTests.set(binding, id);
      state.testReadyAt.set(id.name, end);
      stmt.insertAfter(mark(state, t.variableDeclaration('const', [t.variableDeclarator(id, mayBeSharedTest(state, t.identifier(node.name)))])));
    }
    return id;
  }

  /** Whether every test of the loop at `path` has been declared before the loop starts. */
  function testsReady(path: NodePath, loop: LoopRecord, state: InstrumentState): boolean {
    const start = path.node.start;
    return [...loop.tests].every((name) => {
      const ready = state.testReadyAt.get(name);
      return ready === undefined || (start != null && ready < start);
    });
  }

  /**
   * `if (!s1 && ...) <copy without its checks> else <loop>`: a loop whose checks all test
   * entry results runs unchecked when none of them can be shared (decided once per run).
   */
  function versionLoop(path: NodePath<BabelTypes.Loop>, loop: LoopRecord, state: InstrumentState): void {
    const plain = t.cloneNode(path.node, true);
    dropEntryChecks(plain, loop.tests, state);
    const none = [...loop.tests].map((name) => t.unaryExpression('!', t.identifier(name)) as Expression)
      .reduce((a, b) => t.logicalExpression('&&', a, b));
    const versioned = t.ifStatement(none, t.blockStatement([plain]), t.blockStatement([path.node]));
    mark(state, versioned);
    path.replaceWith(versioned);
    path.skip();
  }

  /**
   * Replaces each `s && R.element(...)` of the given entry tests with `0`, in place, and
   * marks every node of the copy as ours so that it is never instrumented again.
   */
  function dropEntryChecks(node: Node, tests: Set<string>, state: InstrumentState): void {
    mark(state, node);
    for (const key of t.VISITOR_KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      const children = Array.isArray(child) ? child : [child];
      children.forEach((c, i) => {
        if (!c || typeof c !== 'object' || !('type' in c)) return;
        if (isEntryCheck(c as Node, tests, state)) {
          const zero = mark(state, t.numericLiteral(0));
          if (Array.isArray(child)) child[i] = zero;
          else (node as unknown as Record<string, unknown>)[key] = zero;
          return;
        }
        dropEntryChecks(c as Node, tests, state);
      });
    }
  }

  function isEntryCheck(node: Node, tests: Set<string>, state: InstrumentState): boolean {
    return t.isLogicalExpression(node, { operator: '&&' }) && t.isIdentifier(node.left) && tests.has(node.left.name) &&
      isRuntimeCall(node.right, 'element', state);
  }

  /**
   * Whether the body of `fn` means the same inside a block (the frame's try): there its
   * function declarations become block-scoped, and clash with a `var` of the same name, with
   * each other (strict code, async and generator functions) and with a `var` made by a direct
   * eval. Such a function keeps its body as it is and has no frame of its own (its stacks
   * lose that line; they never lose the program).
   */
  function isBlockSafe(fn: NodePath<BabelTypes.Function>, state: InstrumentState): boolean {
    let safe = state.blockSafe.get(fn.node);
    if (safe === undefined) state.blockSafe.set(fn.node, (safe = blockSafe(fn)));
    return safe;
  }

  function blockSafe(fn: NodePath<BabelTypes.Function>): boolean {
    const body = fn.node.body;
    if (!t.isBlockStatement(body)) return true;
    const names = body.body.filter((s): s is BabelTypes.FunctionDeclaration => t.isFunctionDeclaration(s)).map((s) => s.id?.name ?? '');
    if (names.length === 0) return true;
    if (new Set(names).size < names.length) return false;
    let safe = true;
    fn.get('body').traverse({
      Function(inner) { inner.skip(); },
      VariableDeclaration(decl) {
        if (decl.node.kind !== 'var') return;
        for (const d of decl.node.declarations) {
          if (Object.keys(t.getBindingIdentifiers(d.id)).some((n) => names.includes(n))) safe = false;
        }
      },
      CallExpression(call) {
        if (t.isIdentifier(call.node.callee, { name: 'eval' })) safe = false;
      },
    });
    return safe;
  }

  /**
   * Declares each entry test at the top of the function's body, once: Babel visits a
   * function again when an enclosing node is replaced (a callback passed to an intercepted
   * method), and a second declaration of the same const would not compile.
   */
  function declareEntryTests(fn: NodePath<BabelTypes.Function>, state: InstrumentState): void {
    const tests = state.entryTests.get(fn.node);
    if (!tests) return;
    state.entryTests.delete(fn.node);
    const node = fn.node;
    if (!t.isBlockStatement(node.body)) node.body = t.blockStatement([t.returnStatement(node.body as Expression)]);
    const decls = tests.map(([id, p]) => t.variableDeclarator(id, mayBeSharedTest(state, p)));
    node.body.body.unshift(t.variableDeclaration('const', decls));
  }

  /** A parameter's or a const's test, made once: `isView(p) && p[UNSHARED] !== true && R.mayBeShared(p)`. */
  function mayBeSharedTest(state: InstrumentState, p: BabelTypes.Identifier): Expression {
    return untaggedViewAnd(state, p,
      mark(state, t.callExpression(t.memberExpression(t.cloneNode(state.runtime), t.identifier('mayBeShared')), [t.cloneNode(p)])));
  }

  /**
   * `isView(o) && o[UNSHARED] !== true && R.element(o, k, flags, site)`, or with an entry
   * test for o (paramTest): `test && R.element(o, k, flags, site)`.
   */
  function check(state: InstrumentState, o: Expression, k: Expression, flags: number, site: Expression, entryTest?: BabelTypes.Identifier): Expression {
    state.usesRuntime = true;
    if (entryTest) return t.logicalExpression('&&', t.cloneNode(entryTest), runtimeCall(state, 'element', [o, k, t.numericLiteral(flags), site], entryTest));
    return untaggedViewAnd(state, o, runtimeCall(state, 'element', [o, k, t.numericLiteral(flags), site]));
  }

  /** `isView(o) && o[UNSHARED] !== true && then`: `then` runs only for a view not known to be unshared. */
  function untaggedViewAnd(state: InstrumentState, o: Expression, then: Expression): Expression {
    const tagged = mark(state, t.memberExpression(t.cloneNode(o), t.cloneNode(state.unshared), true));
    return t.logicalExpression('&&', mark(state, t.callExpression(t.cloneNode(state.isView), [t.cloneNode(o)])),
      t.logicalExpression('&&', t.binaryExpression('!==', tagged, t.booleanLiteral(true)), then));
  }

  function member(state: InstrumentState, o: Expression, k: Expression): MemberExpression {
    return mark(state, t.memberExpression(o, k, true));
  }

  /** Whether the value of the expression at `path` is thrown away. */
  function valueUnused(path: NodePath): boolean {
    const parent = path.parentPath;
    return !!parent && (parent.isExpressionStatement() || (parent.isForStatement() && path.key === 'update'));
  }

  function sequence(parts: Expression[]): Expression {
    return parts.length === 1 ? parts[0] : t.sequenceExpression(parts);
  }

  function temp(path: NodePath, name: string): BabelTypes.Identifier {
    const scope = path.scope.getFunctionParent() ?? path.scope.getProgramParent();
    return scope.generateDeclaredUidIdentifier(name);
  }

  function shim(path: NodePath, name: 'target'): string {
    return path.isInStrictMode() ? name : `${name}Sloppy`;
  }

  /**
   * What keeps the depth for the code at `path`: the function whose body holds it, or the
   * program; undefined where no depth variable can be read (a parameter's default, a class
   * field's initializer, a static block, a function whose body must stay as it is).
   */
  function frameOwner(path: NodePath, state: InstrumentState): NodePath | undefined {
    for (let p: NodePath = path; ;) {
      const parent = p.parentPath;
      if (!parent) return p.isProgram() ? p : undefined;
      if (parent.isFunction()) {
        // A parameter runs before the body, a computed key outside it.
        return p.key === 'body' && isBlockSafe(parent, state) ? parent : undefined;
      } else if (parent.isStaticBlock() || (p.key === 'value' && (parent.isClassProperty() || parent.isClassPrivateProperty() || parent.isClassAccessorProperty()))) {
        return undefined;
      }
      p = parent;
    }
  }

  /** The depth variable of the code at `path` (frameOwner), made on first use; undefined if it has none. */
  function depthOf(path: NodePath, state: InstrumentState): BabelTypes.Identifier | undefined {
    const owner = withHistory ? frameOwner(path, state) : undefined;
    return owner && ownerDepth(owner, state);
  }

  /** The depth variable of a frameOwner, made on first use. */
  function ownerDepth(owner: NodePath, state: InstrumentState): BabelTypes.Identifier {
    let depth = state.depths.get(owner.node);
    if (!depth) {
      // One name for every function's depth, unique in the file: each function declares its
      // own, which shadows its enclosing function's.
      depth = t.cloneNode(state.programDepth);
      state.depths.set(owner.node, depth);
    }
    state.usesRuntime = true;
    return depth;
  }

  /** `_jsraceStack[i]`, one slot of the thread's stack of call sites. */
  function frameSlot(state: InstrumentState, i: Expression): MemberExpression {
    return mark(state, t.memberExpression(t.cloneNode(state.stack), i, true));
  }

  /** `stack[DEPTH]`: the thread's current depth. */
  function depthSlot(state: InstrumentState): MemberExpression {
    return frameSlot(state, t.numericLiteral(Frames.DEPTH));
  }

  /** `stack[DEPTH] = d`: the depth back to `d` (a call returned, or an exception skipped returns). */
  function setDepth(state: InstrumentState, d: Expression): Expression {
    return t.assignmentExpression('=', depthSlot(state), d);
  }

  /** `stack[DEPTH] = d = 0`: the function goes on from a microtask, on an empty stack. */
  function resumeOnEmptyStack(state: InstrumentState, depth: BabelTypes.Identifier): Expression {
    return setDepth(state, t.assignmentExpression('=', t.cloneNode(depth), t.numericLiteral(0)));
  }

  /**
   * `await v` -> `(t = await (t = v, d = 0, t), stack[DEPTH] = d = 0, t)`: the function goes
   * on from a microtask, on an empty stack, and so does a catch or finally that a rejection
   * reaches (which skips the rest of the sequence): d turns 0 once v is evaluated, just
   * before the await suspends. The one await that throws without suspending (v a promise
   * whose `constructor` getter throws) then has its handler restore 0 too, and earlier
   * stacks lose the frames below the function. `yield v` -> `(t = yield v, d = stack[DEPTH],
   * t)`: the generator goes on inside whichever call resumed it.
   */
  function pauseFrame(path: NodePath<Expression>, state: InstrumentState, argument: Expression,
    pause: (arg: Expression) => Expression, resumesOnEmptyStack: boolean): void {
    const depth = depthOf(path, state);
    if (!depth) return;
    // The file's call-value variable: nothing runs between its store and its read.
    const value = t.cloneNode(state.callValue);
    const paused = mark(state, pause(resumesOnEmptyStack ? suspendingFrame(state, depth, argument) : argument));
    replace(path, state, t.sequenceExpression([
      t.assignmentExpression('=', value, paused),
      resumesOnEmptyStack
        ? resumeOnEmptyStack(state, depth)
        : t.assignmentExpression('=', t.cloneNode(depth), depthSlot(state)),
      t.cloneNode(value),
    ]));
  }

  /** `(t = v, d = 0, t)`: v, evaluated at the function's depth, whose await then suspends the function. */
  function suspendingFrame(state: InstrumentState, depth: BabelTypes.Identifier, argument: Expression): Expression {
    return t.sequenceExpression([
      t.assignmentExpression('=', t.cloneNode(state.callValue), argument),
      t.assignmentExpression('=', t.cloneNode(depth), t.numericLiteral(0)),
      t.cloneNode(state.callValue),
    ]);
  }

  /**
   * `for await` pauses without an `await` to rewrite: before each pass of its body and once
   * more when it ends (its last step, or the iterator's return after a break). Both places
   * go on from a microtask, as after an await: the depth turns 0 at the start of the body
   * and after the loop (after its labels, which a labelled `continue` or `break` targets).
   * d turns 0 once the iterable is evaluated, for a catch or finally that a rejected step
   * reaches; one that a synchronous throw of the first step reaches (an iterable that is not
   * one, a `next` that throws rather than rejects) then restores 0 too, and earlier stacks
   * lose the frames below the function.
   */
  function resumeForAwait(path: NodePath<BabelTypes.ForOfStatement>, state: InstrumentState): void {
    const depth = depthOf(path, state);
    if (!depth) return;
    mark(state, path.node);
    const loop = path.node;
    if (!t.isBlockStatement(loop.body)) loop.body = t.blockStatement([loop.body]);
    loop.body.body.unshift(t.expressionStatement(resumeOnEmptyStack(state, depth)));
    loop.right = suspendingFrame(state, depth, loop.right);
    let outer: NodePath = path;
    while (outer.parentPath?.isLabeledStatement()) outer = outer.parentPath;
    outer.insertAfter(t.expressionStatement(resumeOnEmptyStack(state, depth)));
  }

  /**
   * Whether evaluating `node` may record an access or enter a function: a call (other than
   * our isView and R.at, which do neither), construction, tagged template, await or yield;
   * a class may run its static parts. Creating a function runs none of its body.
   */
  function runsCode(node: Node | null | undefined, state: InstrumentState): boolean {
    if (!node || t.isFunction(node)) return false;
    if (t.isCallExpression(node) && (t.isIdentifier(node.callee, { name: state.isView.name }) || isRuntimeCall(node, 'at', state))) {
      return node.arguments.some((a) => runsCode(a, state));
    }
    if (t.isCallExpression(node) || t.isOptionalCallExpression(node) || t.isNewExpression(node) || t.isTaggedTemplateExpression(node) ||
      t.isAwaitExpression(node) || t.isYieldExpression(node) || t.isClass(node)) return true;
    for (const key of t.VISITOR_KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child) ? child.some((c) => runsCode(c as Node, state)) : runsCode(child as Node, state)) return true;
    }
    return false;
  }

  /**
   * Records a call in the thread's stack of call sites, so that the functions it enters are
   * known to be called from this line. With d the depth of the code making the call:
   *   f(x) -> (stack[SITES + d] = site, stack[DEPTH] = d + 1, stack[LOW] > d && (stack[LOW] = d),
   *            v = f(x), stack[DEPTH] = d, v)
   * The site goes in after everything the call evaluates first, so that their own calls and
   * accesses are not shown inside it: before the first argument after the last part that
   * runs code, f(a(), x) -> f(a(), (<site in>, x)), or after the last, f(x, b()) ->
   * f(x, (v = b(), <site in>, v)), or in an empty spread when there is no argument,
   * a().m() -> a().m(...(<site in>, R.noArgs)). A spread argument is iterated after the
   * site goes in, as the callee would iterate it (ThreadSanitizer shows a memcpy inside the
   * call that made it alike). `site` is given when the call's receiver has the same one (an
   * intercepted method: history.ts shows such a frame once).
   */
  function recordCall(path: NodePath<BabelTypes.CallExpression | BabelTypes.NewExpression | BabelTypes.OptionalCallExpression | BabelTypes.TaggedTemplateExpression>, state: InstrumentState, site?: Expression): void {
    if (!withHistory) return;
    const node = path.node;
    if (state.generated.has(node)) return;
    if (t.isCallExpression(node) && (t.isImport(node.callee) || t.isV8IntrinsicIdentifier(node.callee))) return;
    // V8 places a method call at its property name (`o.method(`), any other call at its start.
    const callee = t.isCallExpression(node) || t.isOptionalCallExpression(node) ? node.callee : undefined;
    const at = callee && (t.isMemberExpression(callee) || t.isOptionalMemberExpression(callee)) && !callee.computed ? callee.property : node;
    site ??= siteFor(path, at, state);
    for (const loop of state.loops) loop.versionable = false;
    state.generated.add(node);
    const owner = frameOwner(path, state);
    const depth = owner && ownerDepth(owner, state);
    if (!depth) {
      replace(path, state, mark(state, runtimeCall(state, 'callEnd', [mark(state, runtimeCall(state, 'callStart', [site])), node])));
      return;
    }
    const d = () => t.cloneNode(depth);
    const enter = [
      t.assignmentExpression('=', frameSlot(state, t.binaryExpression('+', d(), t.numericLiteral(Frames.SITES))), site),
      setDepth(state, t.binaryExpression('+', d(), t.numericLiteral(1))),
      t.logicalExpression('&&', t.binaryExpression('>', frameSlot(state, t.numericLiteral(Frames.LOW)), d()),
        t.assignmentExpression('=', frameSlot(state, t.numericLiteral(Frames.LOW)), d())),
    ];
    // One value variable for the whole file: nothing runs between its store and its read.
    const value = t.cloneNode(state.callValue);
    const parts = t.isTaggedTemplateExpression(node) ? node.quasi.expressions as Expression[] : (node.arguments as Node[]);
    const evaluatedFirst: Node[] = t.isTaggedTemplateExpression(node) ? [node.tag, ...parts] : [callee ?? (node as BabelTypes.NewExpression).callee, ...parts];
    // Everything up to the last part that runs code is evaluated before the site goes in.
    let first = -1;
    for (let i = evaluatedFirst.length - 1; i >= 0 && first < 0; i--) if (runsCode(evaluatedFirst[i], state)) first = i;
    const before: Expression[] = [];
    const wrap = (e: Expression, after: boolean): Expression => after
      ? t.sequenceExpression([t.assignmentExpression('=', value, e), ...enter, t.cloneNode(value)])
      : t.sequenceExpression([...enter, e]);
    const put = (i: number, after: boolean): void => {
      const part = parts[i];
      if (!t.isSpreadElement(part)) parts[i] = wrap(part as Expression, after);
      // Inside the R.at(xs, site) that SpreadElement made, which must stay outermost.
      else if (isRuntimeCall(part.argument, 'at', state)) (part.argument as BabelTypes.CallExpression).arguments[0] = wrap((part.argument as BabelTypes.CallExpression).arguments[0] as Expression, after);
      else part.argument = wrap(part.argument, after);
    };
    // evaluatedFirst[i + 1] is parts[i]: the part after `first`, if any, is parts[first].
    if (first < 0) before.push(...enter);
    else if (first < parts.length) put(first, false);
    else if (parts.length > 0) put(parts.length - 1, true);
    else if (!t.isTaggedTemplateExpression(node)) {
      // `a().m()`: no argument to hold the site, and its own calls must not run after it.
      // An empty spread passes no argument: f(...[]) is f().
      const none = mark(state, t.spreadElement(t.sequenceExpression([...enter, t.memberExpression(t.cloneNode(state.runtime), t.identifier('noArgs'))])));
      (node.arguments as Node[]).push(none);
    } else {
      return; // `` a()`x` ``: left unrecorded, its frame missing rather than wrong
    }
    const leave = setDepth(state, d());
    replace(path, state, valueUnused(path)
      ? t.sequenceExpression([...before, node, leave])
      : t.sequenceExpression([...before, t.assignmentExpression('=', t.cloneNode(value), node), leave, t.cloneNode(value)]));
  }

  /** The depth back to the function's own after an exception skipped its calls' returns. */
  function restoreDepth(state: InstrumentState, depth: BabelTypes.Identifier): BabelTypes.Statement {
    return t.expressionStatement(setDepth(state, t.cloneNode(depth)));
  }

  /** Whether `node` is already our `R.<name>(...)` (a node visited again keeps one). */
  function isRuntimeCall(node: Node, name: string, state: InstrumentState): boolean {
    return t.isCallExpression(node) && t.isMemberExpression(node.callee) &&
      t.isIdentifier(node.callee.object, { name: state.runtime.name }) && t.isIdentifier(node.callee.property, { name });
  }

  /**
   * Wraps an expression as R.at(expr, site): the receiver of an intercepted call learns its
   * site. Only our own R.at is skipped, not every node we made: a user's call under its call
   * record (R.callEnd(...)) is ours too, and is exactly a receiver that needs the site.
   */
  function withSite(path: NodePath<Node>, state: InstrumentState, site?: Expression): void {
    const node = path.node;
    if (!t.isExpression(node) || t.isLiteral(node) || isRuntimeCall(node, 'at', state)) return;
    const call = mark(state, runtimeCall(state, 'at', [node, site ?? siteFor(path, node, state)]));
    replace(path, state, call);
  }

  /**
   * `Atomics.op(a, b)` on the global Atomics, as `R.atomicCalls.op(site, 2, ns = Atomics,
   * ns.op, a, b)` (runtime/atomics.ts): the same reads in the same order, and the site
   * reaches the operation without the call-site ring. False when the call does not fit.
   */
  function atomicCall(path: NodePath<BabelTypes.CallExpression>, state: InstrumentState, name: string): boolean {
    const args = path.node.arguments;
    const arity = ATOMIC_ARITY.get(name);
    if (arity === undefined || args.length > arity || !args.every((a) => t.isExpression(a))) return false;
    const ns = temp(path, 'ns');
    const site = siteFor(path, path.node, state);
    const call = runtimeCall(state, 'atomicCalls', [
      site, t.numericLiteral(args.length), t.assignmentExpression('=', ns, t.identifier('Atomics')),
      mark(state, t.memberExpression(t.cloneNode(ns), t.identifier(name))), ...(args as Expression[]),
    ]);
    call.callee = t.memberExpression(call.callee as Expression, t.identifier(name));
    replace(path, state, mark(state, call));
    return true;
  }

  /**
   * `this.m(...)` in a method of a class that extends nothing and declares the method `m`:
   * `this` is an instance of the class or of a subclass, an ordinary object, never a typed
   * array or Buffer, so `m` is the program's own method even when its name is one jsrace
   * intercepts (`find`, `set`, `write`, ...) and the call needs no site. Each site it would
   * have cost a ring entry (call-site.ts) and often a write barrier. Only calling such a
   * method on a typed array by hand (`C.prototype.m.call(view)`) defeats this: the typed
   * array's wrapper then takes the caller's line from the stack, as for uninstrumented code.
   */
  function ownMethodCall(path: NodePath<BabelTypes.CallExpression>, name: string): boolean {
    if (!t.isThisExpression((path.node.callee as MemberExpression).object)) return false;
    // What binds `this`: a function that is not an arrow, or a class (whose field
    // initializers bind it); only in the method's body, not its key or parameters.
    const fn = path.findParent((p) => (p.isFunction() && !p.isArrowFunctionExpression()) || p.isClass());
    if (!fn || !fn.isClassMethod() || fn.node.static || !path.isDescendant(fn.get('body'))) return false;
    const cls = fn.parentPath.parent;
    if (!t.isClass(cls) || cls.superClass) return false;
    return cls.body.body.some((m) => t.isClassMethod(m) && m.kind === 'method' && !m.static && !m.computed &&
      t.isIdentifier(m.key, { name }));
  }

  function mark<N extends Node>(state: InstrumentState, node: N): N {
    state.generated.add(node);
    return node;
  }

  /**
   * Whether this plugin is alone in its Babel pass. file.opts lists the first pass's plugins,
   * presets' included (with passPerPreset, not the later passes'); a plugin's key is its
   * name, so its options object tells this instance from another jsrace in a later pass.
   */
  function aloneInPass(state: InstrumentState): boolean {
    const plugins = state.file.opts.plugins as unknown as { key?: string; options?: object }[] | undefined;
    return plugins?.length === 1 && plugins[0].key === state.key && plugins[0].options === state.opts;
  }

  /**
   * path.replaceWith(node), and when the plugin is alone in its pass, nothing more: Babel
   * would otherwise traverse the replacement again, and with it every part of the original
   * that it holds. All rewrites are made on exit, so those parts have been rewritten already
   * (but for a chain a delete applies to: lowerChain).
   * That second traversal took a quarter of the instrumenting time (a call's arguments hold
   * whole callbacks, traversed again for each enclosing call), and it could rewrite a node
   * twice (a for await's iterable) or make a site nothing uses. Another plugin in the same
   * pass must see the replacement, as it sees any node, so then Babel traverses it again.
   */
  function replace(path: NodePath<Node>, state: InstrumentState, node: Node): void {
    path.replaceWith(node);
    if (state.alone) path.skip();
  }

  /** A member whose accesses we instrument: computed, not super, not a plain string key. */
  function candidate(node: Node, state: InstrumentState): node is MemberExpression {
    if (!t.isMemberExpression(node) || !node.computed || state.generated.has(node)) return false;
    if (t.isSuper(node.object)) return false;
    const p = node.property;
    if (t.isStringLiteral(p) && !/^(0|[1-9]\d*)$/.test(p.value)) return false;
    return !t.isPrivateName(p);
  }

  function isPatternTarget(path: NodePath): boolean {
    const parent = path.parentPath;
    if (!parent) return false;
    if (parent.isArrayPattern() || parent.isRestElement()) return true;
    if (parent.isAssignmentPattern() && path.key === 'left') return true;
    if (parent.isObjectProperty() && path.key === 'value' && parent.parentPath?.isObjectPattern()) return true;
    if ((parent.isForOfStatement() || parent.isForInStatement()) && path.key === 'left') return true;
    return false;
  }

  /**
   * Whether a node of an optional chain continues into its parent (`a?.b` in `a?.b.c` or
   * `a?.b()`): only the outermost node is the chain. An argument of an optional call is a
   * chain of its own.
   */
  function innerLink(p: NodePath<Node>): boolean {
    const parent = p.parent;
    return (t.isOptionalMemberExpression(parent) && parent.object === p.node) || (t.isOptionalCallExpression(parent) && parent.callee === p.node);
  }

  /**
   * Lowers an optional chain that holds a computed member (at its outermost node), so that
   * every such access becomes a plain member expression with the chain's short-circuit
   * made explicit; the main traversal then visits what it became.
   */
  function lowerChain(p: NodePath<BabelTypes.OptionalMemberExpression | BabelTypes.OptionalCallExpression>, state: InstrumentState): void {
    if (innerLink(p)) return;
    let hasComputed = p.isOptionalMemberExpression() && p.node.computed;
    if (!hasComputed) p.traverse({ OptionalMemberExpression(q) { if (q.node.computed) { hasComputed = true; q.stop(); } } });
    if (!hasComputed) return;
    // The chain a delete applies to is lowered in the delete's place, an ancestor not yet
    // visited; in a parameter default its body is left for a later visit of what replaced
    // the delete. That visit must happen, so the rest of the file keeps Babel's second
    // traversal (replace).
    let outer: NodePath = p;
    while (outer.parentPath && isTransparentExprWrapper(outer.parent)) outer = outer.parentPath;
    if (outer.parentPath?.isUnaryExpression({ operator: 'delete' })) state.alone = false;
    lowerOptionalChain(p, { noDocumentAll: false, pureGetters: false });
  }

  return {
    name: 'jsrace',
    visitor: {
      OptionalMemberExpression: { enter: lowerChain },
      Program: {
        enter(path, state) {
          state.table = { file: options.file ?? state.filename ?? '<unknown>', sites: [], names: [] };
          state.names = new Map();
          state.generated = new WeakSet();
          state.alone = aloneInPass(state);
          state.facts = factsOf(t, () => state.runtime.name);
          state.paramTests = new WeakMap();
          state.entryTests = new WeakMap();
          state.testReadyAt = new Map();
          state.depths = new WeakMap();
          state.framed = new WeakSet();
          state.blockSafe = new WeakMap();
          state.loops = [];
          state.usesRuntime = false;
          state.runtime = path.scope.generateUidIdentifier('jsrace');
          state.isView = path.scope.generateUidIdentifier('jsraceIsView');
          state.unshared = path.scope.generateUidIdentifier('jsraceUnshared');
          state.base = path.scope.generateUidIdentifier('jsraceSite');
          state.stack = path.scope.generateUidIdentifier('jsraceStack');
          state.programDepth = path.scope.generateUidIdentifier('jsraceDepth');
          state.callValue = path.scope.generateUidIdentifier('jsraceValue');
        },
        exit(path, state) {
          if (!state.usesRuntime) return;
          mapSitesThroughInputMap(state, options.sitesMap);
          const json = JSON.stringify(state.table);
          const decl = t.variableDeclaration('var', [
            t.variableDeclarator(state.runtime, t.memberExpression(t.identifier('globalThis'), t.identifier(RUNTIME_GLOBAL))),
            t.variableDeclarator(state.isView, t.memberExpression(t.cloneNode(state.runtime), t.identifier('isView'))),
            t.variableDeclarator(state.unshared, t.memberExpression(t.cloneNode(state.runtime), t.identifier('UNSHARED'))),
            t.variableDeclarator(state.base, runtimeCall(state, 'registerFile', [t.stringLiteral(json), t.numericLiteral(state.table.sites.length)])),
            ...(withHistory ? [
              t.variableDeclarator(state.stack, t.memberExpression(t.cloneNode(state.runtime), t.identifier('stack'))),
              t.variableDeclarator(state.programDepth, depthSlot(state)),
              t.variableDeclarator(state.callValue),
            ] : []),
          ]);
          t.addComment(decl, 'leading', ` ${INSTRUMENTED_MARKER} `, false);
          path.unshiftContainer('body', decl);
          if (options.standalone) {
            // Loads (and starts) the runtime first: an import is hoisted, a require runs in place.
            const load = path.node.sourceType === 'module'
              ? t.importDeclaration([], t.stringLiteral(options.standalone))
              : t.expressionStatement(mark(state, t.callExpression(t.identifier('require'), [t.stringLiteral(options.standalone)])));
            path.unshiftContainer('body', load);
          }
        },
      },

      MemberExpression: {
        exit(path, state) {
          const node = path.node;
          if (!candidate(node, state)) return;
          const parent = path.parentPath;
          if (parent.isAssignmentExpression() && path.key === 'left') return; // AssignmentExpression
          if (parent.isUpdateExpression()) return; // UpdateExpression
          // Deletes touch no element memory. Asked of the parent node: when the optional-chaining
          // transform puts `delete _a[0]` in the place of `delete a?.[0]`, the member's parentPath
          // still names the node that was there before.
          if (t.isUnaryExpression(path.parent, { operator: 'delete' })) return;
          if (state.facts.unsharedView(path, node.object)) return;
          const site = siteFor(path, node, state);
          const object = node.object as Expression;
          const property = node.property as Expression;
          const isCallee = ((parent.isCallExpression() || parent.isOptionalCallExpression()) && path.key === 'callee') ||
            (parent.isTaggedTemplateExpression() && path.key === 'tag');
          if (isCallee) {
            const o = temp(path, 'o');
            replace(path, state, mark(state, t.memberExpression(
              t.assignmentExpression('=', o, object),
              runtimeCall(state, 'readKey', [t.cloneNode(o), property, site]),
              true,
            )));
            return;
          }
          if (isPatternTarget(path)) {
            replace(path, state, mark(state, t.memberExpression(
              runtimeCall(state, shim(path, 'target'), [object, property, site]), t.identifier('v'),
            )));
            return;
          }
          const setup: Expression[] = [];
          const { o, k } = operands(path, node, setup);
          const test = paramTest(path, object, state);
          replace(path, state, sequence([...setup, check(state, o(), k(), READ, site, test), member(state, o(), k())]));
        },
      },

      AssignmentExpression: {
        exit(path, state) {
          const { node } = path;
          if (t.isArrayPattern(node.left)) withSite(path.get('right'), state); // iterates the right side
          if (!candidate(node.left, state) || state.facts.unsharedView(path, node.left.object)) return;
          const left = node.left;
          const site = siteFor(path, left, state);
          const setup: Expression[] = [];
          const { o, k } = operands(path, left, setup);
          const test = paramTest(path, left.object, state);
          const unused = valueUnused(path);
          const w = unused ? undefined : temp(path, 'w');
          // o[k] = value, then its check; the expression's value is kept in w when used.
          const store = (value: Expression): Expression[] => {
            const assign = mark(state, t.assignmentExpression('=', member(state, o(), k()), value));
            const checked = check(state, o(), k(), WRITE, t.cloneNode(site), test);
            return w ? [t.assignmentExpression('=', w, assign), checked, t.cloneNode(w)] : [assign, checked];
          };
          const current = () => t.sequenceExpression([check(state, o(), k(), READ, t.cloneNode(site), test), member(state, o(), k())]);
          if (node.operator === '=') {
            replace(path, state, sequence([...setup, ...store(node.right)]));
            return;
          }
          if (COMPOUND.has(node.operator)) {
            // V8 converts an object key once for the read and again for the write; so do we.
            // The read needs no check of its own when nothing can run between it and the
            // write (ThreadSanitizer's read-before-write rule): the write's check then finds
            // every access the read's would have, at the same line.
            const op = node.operator.slice(0, -1) as BabelTypes.BinaryExpression['operator'];
            const read = state.facts.convertsQuietly(path.get('right'), node.right) ? member(state, o(), k()) : current();
            replace(path, state, sequence([...setup, ...store(t.binaryExpression(op, read, node.right))]));
          } else if (LOGICAL.has(node.operator)) {
            const op = node.operator.slice(0, -1) as BabelTypes.LogicalExpression['operator'];
            replace(path, state, sequence([...setup, t.logicalExpression(op, current(), sequence(store(node.right)))]));
          }
        },
      },

      UpdateExpression: {
        exit(path, state) {
          const { node } = path;
          if (!candidate(node.argument, state) || state.facts.unsharedView(path, node.argument.object)) return;
          const arg = node.argument;
          const site = siteFor(path, arg, state);
          const setup: Expression[] = [];
          const { o, k } = operands(path, arg, setup);
          const test = paramTest(path, arg.object, state);
          const n = temp(path, 'n');
          const operator = node.operator;
          const unused = valueUnused(path);
          // No check for the read: only ToNumeric of an element's value (a primitive) runs
          // before the write, whose check covers the read (ThreadSanitizer's read-before-write rule).
          const parts = [...setup, t.assignmentExpression('=', n, member(state, o(), k()))];
          if (node.prefix || unused) {
            // n = o[k], o[k] = ++n: the new value, after one ToNumeric of the old, as V8 does.
            parts.push(mark(state, t.assignmentExpression('=', member(state, o(), k()), t.updateExpression(operator, t.cloneNode(n), true))));
            parts.push(check(state, o(), k(), WRITE, site, test));
            if (!unused) parts.push(t.cloneNode(n));
          } else {
            // The old value after ToNumeric is the result: r = n++ keeps it.
            const r = temp(path, 'r');
            parts.push(t.assignmentExpression('=', r, t.updateExpression(operator, t.cloneNode(n), false)));
            parts.push(mark(state, t.assignmentExpression('=', member(state, o(), k()), t.cloneNode(n))));
            parts.push(check(state, o(), k(), WRITE, site, test), t.cloneNode(r));
          }
          replace(path, state, t.sequenceExpression(parts));
        },
      },

      CallExpression: {
        exit(path, state) {
          const callee = path.node.callee;
          if (state.generated.has(path.node)) return;
          if (t.isMemberExpression(callee) && t.isIdentifier(callee.object, { name: state.runtime.name })) return; // ours
          let receiverSite: Expression | undefined;
          if (t.isMemberExpression(callee) && !callee.computed && t.isIdentifier(callee.property) && !state.generated.has(callee)) {
            const name = callee.property.name;
            if (t.isSuper(callee.object)) return;
            if (t.isIdentifier(callee.object, { name: 'Atomics' }) && path.scope.getBinding('Atomics')) return; // not ours
            if (name === 'from' && path.node.arguments.length > 0 && t.isExpression(path.node.arguments[0])) {
              withSite(path.get('arguments.0') as NodePath<Expression>, state);
            }
            // Atomics and Math call no user function (operand conversions aside), so no
            // frame can start under them: a hot loop of them needs no call records. Decided
            // before withSite, which wraps the namespace in R.at(...).
            const ns = callee.object;
            const builtin = t.isIdentifier(ns) && (ns.name === 'Atomics' || ns.name === 'Math') && !path.scope.getBinding(ns.name);
            if (builtin && t.isIdentifier(ns, { name: 'Atomics' }) && atomicCall(path, state, name)) return;
            if ((INTERCEPTED.has(name) || INTERCEPTED_PATTERN.test(name)) && !ownMethodCall(path, name)) {
              // One site for the receiver and the call: an access the method makes is the call.
              receiverSite = siteFor(path, callee.property, state);
              withSite(path.get('callee.object') as NodePath<Expression>, state, receiverSite);
            }
            if (builtin) return;
          }
          recordCall(path, state, receiverSite && t.cloneNode(receiverSite));
        },
      },

      Function: {
        enter(path, state) {
          // A function in a loop has its own entry tests, out of the loop's reach.
          for (const loop of state.loops) loop.versionable = false;
        },
        exit(path, state) {
          declareEntryTests(path, state);
          // A function that calls nothing keeps its body: its accesses show the stack of
          // whoever called it, which its callers keep.
          const depth = state.depths.get(path.node);
          if (!depth || state.framed.has(path.node)) return;
          state.framed.add(path.node);
          const fn = path.node;
          if (!t.isBlockStatement(fn.body)) {
            fn.body = t.blockStatement([t.returnStatement(fn.body as Expression)]);
          }
          const body = fn.body;
          const inner = t.blockStatement(body.body);
          const frame = mark(state, t.tryStatement(inner, null, t.blockStatement([restoreDepth(state, depth)])));
          body.body = [
            t.variableDeclaration(fn.async || fn.generator ? 'let' : 'const', [t.variableDeclarator(depth, depthSlot(state))]),
            frame,
          ];
        },
      },

      TryStatement: {
        exit(path, state) {
          // A catch or finally may follow an exception thrown under one of the function's
          // calls, which skipped the call's return: the depth is the function's own again.
          if (state.generated.has(path.node)) return;
          mark(state, path.node);
          const owner = frameOwner(path, state);
          const depth = owner && state.depths.get(owner.node);
          if (!depth) return;
          const { handler, finalizer } = path.node;
          if (handler) handler.body.body.unshift(restoreDepth(state, depth));
          if (finalizer) finalizer.body.unshift(restoreDepth(state, depth));
        },
      },

      AwaitExpression: {
        exit(path, state) {
          if (state.generated.has(path.node)) return;
          pauseFrame(path, state, path.node.argument, (arg) => t.awaitExpression(arg), true);
        },
      },

      NewExpression: {
        exit(path, state) {
          const { callee, arguments: args } = path.node;
          if (!t.isIdentifier(callee) || !TYPED_ARRAY_CONSTRUCTORS.has(callee.name) || path.scope.getBinding(callee.name)) {
            recordCall(path, state);
            return;
          }
          const first = path.get('arguments.0') as NodePath<Node>;
          if (args.length > 0 && t.isExpression(first.node) && !state.facts.primitiveValued(path, first.node) && !t.isLiteral(first.node) && !isRuntimeCall(first.node, 'copySource', state)) {
            const site = siteFor(path, path.node, state);
            replace(first, state, mark(state, runtimeCall(state, 'copySource', [first.node, site])));
          }
        },
      },

      'ForStatement|WhileStatement|DoWhileStatement': {
        enter(path, state) {
          // Only innermost loops are versioned: an enclosing loop gives up when it has one.
          for (const loop of state.loops) loop.versionable = false;
          state.loops.push({ tests: new Set(), versionable: true });
        },
        exit(path, state) {
          const loop = state.loops.pop()!;
          if (loop.versionable && loop.tests.size > 0 && !path.parentPath?.isLabeledStatement() && testsReady(path, loop, state)) {
            versionLoop(path as NodePath<BabelTypes.Loop>, loop, state);
          }
        },
      },

      ForOfStatement: {
        exit(path, state) {
          // A for await resumeForAwait rewrote, visited again: its iterable is wrapped already.
          if (state.generated.has(path.node)) return;
          withSite(path.get('right'), state);
          if (path.node.await) resumeForAwait(path, state);
        },
      },
      SpreadElement: {
        exit(path, state) {
          if (state.generated.has(path.node)) return;
          withSite(path.get('argument'), state);
        },
      },
      YieldExpression: {
        exit(path, state) {
          const arg = path.get('argument');
          if (state.generated.has(path.node)) return;
          if (path.node.delegate && arg.node) withSite(arg as NodePath<Expression>, state);
          const delegate = path.node.delegate;
          pauseFrame(path, state, path.node.argument ?? t.identifier('undefined'), (a) => t.yieldExpression(a, delegate), false);
        },
      },

      TaggedTemplateExpression: {
        exit(path, state) {
          recordCall(path, state);
        },
      },
      OptionalCallExpression: {
        enter: lowerChain,
        exit(path, state) {
          if (!innerLink(path)) recordCall(path, state);
        },
      },
      VariableDeclarator: {
        exit(path, state) {
          const init = path.get('init');
          if (t.isArrayPattern(path.node.id) && init.node) withSite(init as NodePath<Expression>, state);
        },
      },
    },
  };
}

/** Sites of a file that has its own source map (compiled TypeScript...) name the original lines. */
function mapSitesThroughInputMap(state: InstrumentState, sitesMap: RawSourceMap | undefined): void {
  const input = (state.file as unknown as { inputMap?: { toObject(): RawSourceMap } | null }).inputMap;
  const raw = sitesMap ?? input?.toObject();
  if (!raw || !state.filename) return;
  const consumer = new SourceMapConsumer(raw);
  const dir = path.dirname(state.filename);
  const files: string[] = [];
  const index = new Map<string, number>();
  state.table.sites = state.table.sites.map((site) => {
    const pos = consumer.originalPositionFor({ line: site[0], column: site[1] - 1, bias: SourceMapConsumer.GREATEST_LOWER_BOUND });
    if (pos.line == null || !pos.source) return site;
    const file = pos.source.startsWith('file://') ? new URL(pos.source).pathname : path.resolve(dir, raw.sourceRoot ?? '', pos.source);
    let k = index.get(file);
    if (k === undefined) {
      k = files.length;
      files.push(file);
      index.set(file, k);
    }
    return [pos.line, (pos.column ?? 0) + 1, site[2], k];
  });
  if (files.length) state.table.files = files;
}

/** The name V8 shows for the function that holds `path`, as closely as Babel can tell. */
function functionName(path: NodePath): string {
  const fn = path.getFunctionParent();
  if (!fn) return '<top-level>';
  const node = fn.node;
  if ((node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression') && node.id) return node.id.name;
  if (node.type === 'ClassMethod' || node.type === 'ObjectMethod' || node.type === 'ClassPrivateMethod') {
    return keyName(node.key) ?? '<anonymous>';
  }
  const parent = fn.parentPath?.node;
  if (parent) {
    if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
    if (parent.type === 'AssignmentExpression') {
      if (parent.left.type === 'Identifier') return parent.left.name;
      if (parent.left.type === 'MemberExpression') return keyName(parent.left.property) ?? '<anonymous>';
    }
    if ((parent.type === 'ObjectProperty' || parent.type === 'ClassProperty') && !parent.computed) {
      return keyName(parent.key) ?? '<anonymous>';
    }
  }
  return '<anonymous>';
}

function keyName(key: Node): string | undefined {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral') return key.value;
  if (key.type === 'NumericLiteral') return String(key.value);
  if (key.type === 'PrivateName') return `#${key.id.name}`;
  return undefined;
}
