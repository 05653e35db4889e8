// Babel's optional-chaining transform ships no types; we use its exported transform only.
declare module '@babel/plugin-transform-optional-chaining' {
  import type { NodePath } from '@babel/core';
  export function transform(path: NodePath, assumptions: { noDocumentAll: boolean; pureGetters: boolean }): void;
}
