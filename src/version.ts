// jsrace's own package.json, found from wherever this file runs (src/ or dist/src/).
import * as fs from 'fs';
import * as path from 'path';

function findPackage(): { version: string } {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'jsrace') return pkg;
    }
  }
  return { version: '0.0.0' };
}

export const VERSION = findPackage().version;
