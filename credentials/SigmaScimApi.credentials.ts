import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export class SigmaScimApi implements ICredentialType {
	name = 'sigmaScimApi';

	displayName = 'Sigma SCIM API';

	icon: Icon = { light: 'file:../icons/sigma.svg', dark: 'file:../icons/sigma.dark.svg' };

	documentationUrl = 'https://help.sigmacomputing.com/docs/manage-users-and-teams-with-scim';

	properties: INodeProperties[] = [
		{
			displayName: 'Directory Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://aws-api.sigmacomputing.com/scim/v2',
			description:
				'Shown in Sigma under Administration > Authentication > Account Type and Team Provisioning',
		},
		{
			displayName: 'Bearer Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The provisioning token Sigma generated with the Directory Base URL. ' +
				'It is tied to the admin who created it.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.token}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "")}}',
			url: '/Users',
			qs: { count: 1 },
			headers: { Accept: 'application/scim+json' },
			// n8n would carry the Authorization header along a redirect to any other host.
			disableFollowRedirect: true,
		},
	};
}
