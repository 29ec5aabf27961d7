import fs from 'fs';
const { generate, OUT } = require('../../scripts/generate-client-contracts.js');

describe('the client package types', () => {
  it('are the ones generated from shared/contracts (run node scripts/generate-client-contracts.js when this fails)', () => {
    expect(fs.readFileSync(OUT, 'utf8')).toBe(generate());
  });
});
