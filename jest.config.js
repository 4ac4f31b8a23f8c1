/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }] },
  moduleNameMapper: { '^office-addin-manifest$': '<rootDir>/tests/stubs/office-addin-manifest.js' },
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/tests/reporters/summary-line.js'],
};
