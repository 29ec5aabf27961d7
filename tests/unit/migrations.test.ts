import fs from 'fs';
import path from 'path';
import { migrations } from '../../server/src/migrations';
import { migrationKey } from '../../server/src/migrations/types';
import { compareVersions, newestVersion } from '../../server/src/migrations/versions';

const packageVersion = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')).version as string;

describe('release versions', () => {
  it.each([
    ['0.2.0', '0.1.0', 1],
    ['0.10.0', '0.9.3', 1],
    ['1.0.0', '1.0.0', 0],
    ['1.0.0-beta.1', '1.0.0', 0],
    ['0.2', '0.2.0', 0],
    ['2.0.0', '10.0.0', -1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });

  it('newestVersion picks the highest, null for none', () => {
    expect(newestVersion(['0.2.0', '0.10.0', '0.9.0'])).toBe('0.10.0');
    expect(newestVersion([])).toBeNull();
  });
});

describe('the migration registry', () => {
  it('is ordered by release, with unique keys, none newer than package.json', () => {
    const keys = migrations.map(migrationKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (let i = 1; i < migrations.length; i += 1) expect(compareVersions(migrations[i].version, migrations[i - 1].version)).toBeGreaterThanOrEqual(0);
    for (const m of migrations) {
      expect(m.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(compareVersions(m.version, packageVersion)).toBeLessThanOrEqual(0);
    }
  });

  it('starts after 0.1.0, the first supported starting point', () => {
    expect(compareVersions(migrations[0].version, '0.1.0')).toBeGreaterThan(0);
    expect(migrations[0]).toMatchObject({ version: '0.2.0', name: 'rebuild-derived-tables' });
  });
});
