/**
 * End-to-end tests: a real n8n (e2e/n8n-runtime) runs the packed package against the emulator.
 * One file at a time: each starts n8n processes, which need most of a 2-core machine.
 * @type {import('jest').Config}
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': 'ts-jest' },
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
	maxWorkers: 1,
	testTimeout: 180000,
	slowTestThreshold: 60,
};
