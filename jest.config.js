/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	testMatch: ['<rootDir>/test/**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	setupFiles: ['<rootDir>/test/harness/setup-env.ts'],
	setupFilesAfterEnv: ['<rootDir>/test/harness/regex-engine.ts', '<rootDir>/test/harness/secret-guard.ts'],
	globalTeardown: '<rootDir>/test/harness/teardown.js',
	moduleNameMapper: { '^n8n-workflow$': require.resolve('n8n-workflow') },
	reporters: ['default', '<rootDir>/test/harness/summary-reporter.js'],
	testTimeout: 60000,
	maxWorkers: 2,
};
