import type { ResourceModule } from '../../types';

export const scimGroupResource: ResourceModule = {
	properties: [],
	operations: {},
};
