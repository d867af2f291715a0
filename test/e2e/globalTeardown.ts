import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

export default async function globalTeardown(): Promise<void> {
	const tarball = process.env.SIGMA_E2E_TARBALL;
	if (tarball && process.env.SIGMA_E2E_PACKED === '1' && !process.env.E2E_KEEP)
		rmSync(dirname(tarball), { recursive: true, force: true });
}
