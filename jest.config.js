/** Three layers: unit (pure logic), integration (a real Strapi on a real database), e2e (Chromium). */
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2021', parser: { syntax: 'typescript', tsx: true } } }] };

module.exports = {
  testSequencer: '<rootDir>/tests/e2e/sequencer.js',
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
      testEnvironment: 'node',
      transform,
    },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      testEnvironment: 'node',
      transform,
      globalSetup: '<rootDir>/tests/helpers/global-setup.js',
      setupFilesAfterEnv: ['<rootDir>/tests/helpers/long-timeout.js'],
    },
    {
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      testEnvironment: 'node',
      transform,
      globalSetup: '<rootDir>/tests/e2e/global-setup.js',
      globalTeardown: '<rootDir>/tests/e2e/global-teardown.js',
      setupFilesAfterEnv: ['<rootDir>/tests/helpers/long-timeout.js'],
    },
  ],
};
