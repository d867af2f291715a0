import type { ResourceModule } from '../../types';

export const accountTypeResource: ResourceModule = {
	properties: [],
	operations: {},
};
