/**
 * The long fault runs (`npm run test:faults`): the reliability tests at five times their size,
 * e.g. 1,000 trigger polls instead of 200. `npm test` runs the same files at their fast size.
 * @type {import('jest').Config}
 */
const base = require('../../jest.config.js');

module.exports = {
	...base,
	rootDir: '../..',
	roots: ['<rootDir>/test/reliability'],
	setupFiles: ['<rootDir>/test/reliability/soak.setup.ts'],
	testTimeout: 600_000,
};
