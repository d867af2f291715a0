import { scimGetAllOperation } from '../../shared/scimGetAll';
import { shapeUser, showFor } from './shared';

export const { description, execute } = scimGetAllOperation({
	displayOptions: showFor('getAll'),
	path: '/Users',
	noun: 'user',
	key: {
		displayName: 'User Name',
		name: 'userName',
		placeholder: 'e.g. ann.lee@example.com',
		description: 'Only the user with this email address (compared without case)',
	},
	rawPlaceholder: 'e.g. userName eq "ann.lee@example.com"',
	shape: shapeUser,
});
