import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { assertRuntimeInstalled, packPackage } from './harness/n8n';

/**
 * Packs the built package once for every test file, the way it is published: what n8n loads
 * is exactly the `files` of package.json.
 */
export default async function globalSetup(): Promise<void> {
	assertRuntimeInstalled();
	// A tarball given from outside (e.g. the one about to be published) is tested as it is.
	if (process.env.SIGMA_E2E_TARBALL) return;
	const started = Date.now();
	const tarball = await packPackage(mkdtempSync(join(tmpdir(), 'sigma-e2e-pack-')));
	process.env.SIGMA_E2E_TARBALL = tarball;
	process.env.SIGMA_E2E_PACKED = '1';
	process.stdout.write(`\ne2e: packed ${tarball} in ${Date.now() - started} ms\n`);
}
