import type { ResourceModule } from '../../types';

export const scimUserResource: ResourceModule = {
	properties: [],
	operations: {},
};
