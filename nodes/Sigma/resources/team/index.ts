import type { ResourceModule } from '../../types';

export const teamResource: ResourceModule = {
	properties: [],
	operations: {},
};
