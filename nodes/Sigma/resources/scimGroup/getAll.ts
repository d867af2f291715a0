import { scimGetAllOperation } from '../../shared/scimGetAll';
import { shapeGroup, showFor } from './shared';

export const { description, execute } = scimGetAllOperation({
	displayOptions: showFor('getAll'),
	path: '/Groups',
	noun: 'group',
	key: {
		displayName: 'Display Name',
		name: 'displayName',
		placeholder: 'e.g. Finance',
		description: 'Only the group with this name (compared without case)',
	},
	rawPlaceholder: 'e.g. displayName eq "Finance"',
	shape: shapeGroup,
});
