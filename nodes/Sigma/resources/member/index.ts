import type { ResourceModule } from '../../types';

export const memberResource: ResourceModule = {
	properties: [],
	operations: {},
};
