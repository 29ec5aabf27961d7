/** Three layers: unit (pure logic), integration (a real Strapi on a real database), e2e (Chromium). */
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2021', parser: { syntax: 'typescript', tsx: true } } }] };

// Helper sessions may keep git worktrees of this repository in .worktrees/: not part of this checkout's suite.
const ignore = { modulePathIgnorePatterns: ['<rootDir>/.worktrees/'], testPathIgnorePatterns: ['/node_modules/', '<rootDir>/.worktrees/'] };

module.exports = {
  testSequencer: '<rootDir>/tests/e2e/sequencer.js',
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
      testEnvironment: 'node',
      transform,
      ...ignore,
    },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      testEnvironment: 'node',
      transform,
      ...ignore,
      globalSetup: '<rootDir>/tests/helpers/global-setup.js',
      globalTeardown: '<rootDir>/tests/helpers/global-teardown.js',
      setupFilesAfterEnv: ['<rootDir>/tests/helpers/long-timeout.js'],
    },
    {
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      testEnvironment: 'node',
      transform,
      ...ignore,
      globalSetup: '<rootDir>/tests/e2e/global-setup.js',
      globalTeardown: '<rootDir>/tests/e2e/global-teardown.js',
      setupFilesAfterEnv: ['<rootDir>/tests/helpers/long-timeout.js'],
    },
  ],
};
