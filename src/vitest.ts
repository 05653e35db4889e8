// `jsrace/vitest`: add `plugins: [jsrace()]` to vitest.config and every test runs under jsrace.
// Test files and the sources they import are instrumented by Vite's transform (node_modules
// only if `include` names them); every test worker preloads the runtime (Vitest's execArgv,
// both pools), so workers created by tests are checked too; and a race reported during a test
// fails that test with the report (the setup file's afterEach).
import * as path from 'path';
import * as fs from 'fs';
import type { RawSourceMap } from 'source-map';
import { shouldInstrument } from './require-hook';
import { cacheKey, writeCache } from './cache';
import { loadOptions } from './config';

/** The map from `step`'s output to the sources `before` came from. */
function chain(step: RawSourceMap, before: RawSourceMap): RawSourceMap {
  const { SourceMapConsumer, SourceMapGenerator } = require('source-map') as typeof import('source-map');
  // source-map 0.6 wants a sourceRoot it can resolve against, even an empty one.
  const generator = SourceMapGenerator.fromSourceMap(new SourceMapConsumer({ ...step, sourceRoot: step.sourceRoot ?? '' }));
  generator.applySourceMap(new SourceMapConsumer({ ...before, sourceRoot: before.sourceRoot ?? '' }), step.sources[0]);
  return JSON.parse(generator.toString()) as RawSourceMap;
}

function rememberForWorkers(file: string, map: () => RawSourceMap): void {
  try {
    writeCache(cacheKey(`${file}#executed`, fs.readFileSync(file, 'utf8')), { code: '', map: map() });
  } catch {
    // Only frame positions are lost.
  }
}

const REGISTER = path.resolve(__dirname, 'register.js');
const SETUP = path.resolve(__dirname, '..', '..', 'src', 'vitest-setup.mjs');

interface JsraceVitestOptions {
  /** node_modules packages to instrument as well (like JSRACE_OPTIONS include=). */
  include?: string[];
}

interface TransformContext {
  getCombinedSourcemap?(): unknown;
}

interface TestResultLike { state: string; errors?: ReadonlyArray<{ message?: string }> }
interface TestCaseLike { fullName: string; result(): TestResultLike | undefined }
interface TestModuleLike { children: { allTests(): Iterable<TestCaseLike> } }

/** At the end of the run, one summary line for all races, as `Found N data race(s)` is for a program. */
const summaryReporter = {
  onTestRunEnd(modules: ReadonlyArray<TestModuleLike>) {
    let races = 0;
    const tests: string[] = [];
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const found = (test.result()?.errors ?? []).filter((e) => e.message?.startsWith('jsrace found a data race'));
        const n = found.reduce((k, e) => k + (e.message?.split('WARNING: DATA RACE').length ?? 1) - 1, 0);
        if (n > 0) {
          races += n;
          tests.push(test.fullName);
        }
      }
    }
    if (races > 0) process.stdout.write(`\njsrace: Found ${races} data race(s) in ${tests.length} test(s): ${tests.join(', ')}\n`);
  },
};

function jsrace(options: JsraceVitestOptions = {}) {
  const fromConfig = loadOptions();
  const include = [...fromConfig.include, ...(options.include ?? [])];
  const exclude = fromConfig.exclude;
  return {
    name: 'jsrace',
    enforce: 'post' as const,
    config() {
      return {
        test: {
          execArgv: ['--require', REGISTER],
          setupFiles: [SETUP],
          env: { JSRACE_TEST_RUNNER: 'vitest' },
        },
      };
    },
    configureVitest({ vitest }: { vitest: { config: { reporters: unknown[] } } }) {
      // Vitest builds its reporters from this list after plugins are configured.
      vitest.config.reporters.push(summaryReporter);
    },
    transform(this: TransformContext, code: string, id: string) {
      const file = id.split('?')[0];
      if (id.startsWith('\0') || !path.isAbsolute(file) || !/\.[cm]?[jt]sx?$/.test(file) || !shouldInstrument(file, include, exclude)) return null;
      // Loaded here, not at import: a config that never transforms need not load Babel.
      const { instrument } = require('../instrument') as typeof import('../instrument');
      const inputMap = this.getCombinedSourcemap?.() as RawSourceMap | undefined;
      const out = instrument(code, file, inputMap);
      // Test workers map V8's positions (about those of this output) back to the original
      // source through this, found in the shared cache; Vite gets the map of this step only.
      if (out.map) rememberForWorkers(file, () => (inputMap ? chain(out.map!, inputMap) : out.map!));
      return { code: out.code, map: out.map };
    },
  };
}

// CommonJS `module.exports = jsrace`, so `import jsrace from 'jsrace/vitest'` gets the function.
export = jsrace;
