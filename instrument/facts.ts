// What the instrumenter can prove about a file without running it, for accesses that need
// no check: a binding that can only ever hold a typed array made from a length is never
// shared memory, and a parameter the function never reassigns holds one value per call.
//
// Invariants:
// - Only Babel's own scope facts are used (bindings, their assignments); eval and with can
//   assign behind them, so wherever either may reach, nothing is proven.
// - Every answer errs towards "not proven": a proven binding costs a missed check only if a
//   global typed-array constructor was replaced by one that returns shared views.
import type { NodePath, types as BabelTypes } from '@babel/core';

type T = typeof BabelTypes;
type Node = BabelTypes.Node;
export type Binding = NonNullable<ReturnType<NodePath['scope']['getBinding']>>;

/** Constructors of typed arrays: from a length they make a fresh (never shared) array. */
export const TYPED_ARRAY_CONSTRUCTORS = new Set([
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
]);

export interface Facts {
  /**
   * Whether `node` (at `path`) can only evaluate to a primitive: `new Int32Array(node)` then
   * makes a fresh array. Literals, operators, and let/const bindings whose init and every
   * assignment make a primitive (updates and arithmetic compound assignments always do).
   */
  primitiveValued(path: NodePath, node: Node): boolean;
  /**
   * Whether evaluating `node` and converting its value (as an operator does) can run no user
   * code: no call, getter, valueOf or toString. Literals, local bindings that only ever hold
   * primitives, and operators over such operands.
   */
  convertsQuietly(path: NodePath, node: Node): boolean;
  /** Whether `node` names a let/const that can only ever hold a typed array made from a length. */
  unsharedView(path: NodePath, node: Node): boolean;
  /** Whether eval or with could assign a binding at `path` behind Babel's back. */
  hiddenAssignments(path: NodePath): boolean;
  /** Names the file uses without declaring them (`arguments`, `eval`, globals). */
  programGlobals(path: NodePath): Record<string, unknown>;
}

/**
 * The facts of one file. `runtime` is the name of the file's runtime binding: a typed-array
 * constructor's argument may already be wrapped as `runtime.copySource(arg, site)`.
 */
export function factsOf(t: T, runtime: () => string): Facts {
  const proven = new WeakMap<Binding, boolean>();

  function primitiveValued(path: NodePath, node: Node, depth = 0): boolean {
    if (t.isNumericLiteral(node) || t.isStringLiteral(node) || t.isTemplateLiteral(node) || t.isBooleanLiteral(node)) return true;
    if (t.isUnaryExpression(node)) return node.operator !== 'delete';
    if (t.isBinaryExpression(node)) return node.operator !== 'in' && node.operator !== 'instanceof' && node.operator !== '|>';
    if (depth > 8) return false;
    if (t.isConditionalExpression(node)) return primitiveValued(path, node.consequent, depth + 1) && primitiveValued(path, node.alternate, depth + 1);
    if (t.isLogicalExpression(node)) return primitiveValued(path, node.left, depth + 1) && primitiveValued(path, node.right, depth + 1);
    if (!t.isIdentifier(node)) return false;
    const binding = path.scope.getBinding(node.name);
    return !!binding && primitiveBinding(binding, depth);
  }

  /** `const n = 200_000`, or `let i = 0` with `i++` and `i = i + 2`: every value it takes is primitive. */
  function primitiveBinding(binding: Binding, depth: number): boolean {
    if (binding.kind !== 'let' && binding.kind !== 'const') return false;
    const decl = binding.path;
    if (!decl.isVariableDeclarator() || !t.isIdentifier(decl.node.id) || hiddenAssignments(decl)) return false;
    if (t.isForXStatement(decl.parentPath.parent)) return false; // for (x of/in …): its values come from outside
    if (decl.node.init && !primitiveValued(decl, decl.node.init, depth + 1)) return false;
    for (const v of binding.constantViolations) {
      const n = v.node;
      if (hiddenAssignments(v)) return false;
      if (t.isUpdateExpression(n)) continue;
      if (!t.isAssignmentExpression(n) || !t.isIdentifier(n.left)) return false; // destructuring, for-in/of heads
      const assigns = n.operator === '=' || n.operator === '&&=' || n.operator === '||=' || n.operator === '??=';
      if (assigns && !primitiveValued(v, n.right, depth + 1)) return false;
    }
    return true;
  }

  function runsNoUserCode(path: NodePath, node: Node, depth = 0): boolean {
    if (depth > 16) return false;
    if (t.isNumericLiteral(node) || t.isStringLiteral(node) || t.isBooleanLiteral(node) || t.isNullLiteral(node) || t.isBigIntLiteral(node)) return true;
    // A binding of this file, read: no code (a global may be an accessor of globalThis).
    if (t.isIdentifier(node)) return !!path.scope.getBinding(node.name) && !hiddenAssignments(path);
    // Operators that convert their operands run valueOf or toString unless they are primitive.
    const converted = (operand: Node) => convertsQuietly(path, operand, depth + 1);
    if (t.isUnaryExpression(node)) {
      if (node.operator === 'typeof' || node.operator === 'void' || node.operator === '!') return runsNoUserCode(path, node.argument, depth + 1);
      return node.operator !== 'delete' && converted(node.argument);
    }
    if (t.isBinaryExpression(node)) {
      if (t.isPrivateName(node.left) || node.operator === 'in' || node.operator === 'instanceof' || node.operator === '|>') return false;
      if (node.operator === '===' || node.operator === '!==') return runsNoUserCode(path, node.left, depth + 1) && runsNoUserCode(path, node.right, depth + 1);
      return converted(node.left) && converted(node.right);
    }
    if (t.isLogicalExpression(node)) return runsNoUserCode(path, node.left, depth + 1) && runsNoUserCode(path, node.right, depth + 1);
    if (t.isConditionalExpression(node)) {
      return runsNoUserCode(path, node.test, depth + 1) && runsNoUserCode(path, node.consequent, depth + 1) &&
        runsNoUserCode(path, node.alternate, depth + 1);
    }
    return false;
  }

  function convertsQuietly(path: NodePath, node: Node, depth = 0): boolean {
    return runsNoUserCode(path, node, depth) && primitiveValued(path, node);
  }

  function programGlobals(path: NodePath): Record<string, unknown> {
    // Babel's program scope keeps them; its types do not say so.
    return (path.scope.getProgramParent() as unknown as { globals: Record<string, unknown> }).globals;
  }

  function hiddenAssignments(path: NodePath): boolean {
    return !!programGlobals(path).eval || !!path.findParent((p) => p.isWithStatement());
  }

  function unsharedView(path: NodePath, node: Node): boolean {
    if (!t.isIdentifier(node)) return false;
    const binding = path.scope.getBinding(node.name);
    if (!binding || (binding.kind !== 'let' && binding.kind !== 'const')) return false;
    if (hiddenAssignments(path)) return false;
    return provenUnshared(binding, new Set());
  }

  /** Its declaration and every assignment to it make a fresh array or copy a proven binding. */
  function provenUnshared(binding: Binding, visiting: Set<Binding>): boolean {
    const known = proven.get(binding);
    if (known !== undefined) return known;
    if (visiting.has(binding)) return true; // a cycle of copies: holds only what its entries bring
    visiting.add(binding);
    const decl = binding.path;
    let ok = decl.isVariableDeclarator() && t.isIdentifier(decl.node.id) && !decl.findParent((p) => p.isWithStatement()) &&
      !(t.isForXStatement(decl.parentPath.parent) && decl.parentPath.key === 'left') &&
      (!decl.node.init || freshView(decl, decl.node.init, visiting));
    for (const v of binding.constantViolations) {
      if (!ok) break;
      const n = v.node;
      ok = t.isAssignmentExpression(n) && n.operator === '=' && t.isIdentifier(n.left) &&
        freshView(v, n.right, visiting) && !v.findParent((p) => p.isWithStatement());
    }
    visiting.delete(binding);
    // A true that leaned on a binding still being proven is only known once that one is.
    if (!ok || visiting.size === 0) proven.set(binding, ok);
    return ok;
  }

  /** `new <TypedArray>(length)` (its argument possibly wrapped already), or a proven binding. */
  function freshView(path: NodePath, node: Node, visiting: Set<Binding>): boolean {
    if (t.isIdentifier(node)) {
      const binding = path.scope.getBinding(node.name);
      return !!binding && (binding.kind === 'let' || binding.kind === 'const') && provenUnshared(binding, visiting);
    }
    if (!t.isNewExpression(node) || !t.isIdentifier(node.callee) || !TYPED_ARRAY_CONSTRUCTORS.has(node.callee.name)) return false;
    if (path.scope.getBinding(node.callee.name) || node.arguments.length > 1) return false;
    let arg = node.arguments[0];
    if (t.isCallExpression(arg) && t.isMemberExpression(arg.callee) && t.isIdentifier(arg.callee.object, { name: runtime() })) {
      arg = arg.arguments[0];
    }
    return arg === undefined || primitiveValued(path, arg);
  }

  return {
    primitiveValued: (path, node) => primitiveValued(path, node),
    convertsQuietly: (path, node) => convertsQuietly(path, node),
    unsharedView, hiddenAssignments, programGlobals,
  };
}
