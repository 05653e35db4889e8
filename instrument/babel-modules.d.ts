// Babel's optional-chaining transform and its helper ship no types; we use one export of each.
declare module '@babel/plugin-transform-optional-chaining' {
  import type { NodePath } from '@babel/core';
  export function transform(path: NodePath, assumptions: { noDocumentAll: boolean; pureGetters: boolean }): void;
}
declare module '@babel/helper-skip-transparent-expression-wrappers' {
  import type { types } from '@babel/core';
  export function isTransparentExprWrapper(node: types.Node): boolean;
}
