// The checks n8n's community-package scanner runs on the published JavaScript: only dist/,
// never the tests, which legitimately use timers, process and the file system.
import n8nCommunityNodes from '@n8n/eslint-plugin-community-nodes';

export default [
	{
		files: ['dist/**/*.js'],
		languageOptions: { sourceType: 'commonjs', ecmaVersion: 2022 },
		plugins: { '@n8n/community-nodes': n8nCommunityNodes },
		rules: {
			'@n8n/community-nodes/no-restricted-globals': 'error',
			'@n8n/community-nodes/no-restricted-imports': 'error',
		},
	},
];
