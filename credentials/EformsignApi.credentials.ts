import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { applySession } from '../nodes/shared/authenticate';
import {
	obtainSession,
	readCredentials,
	serializeSession,
	SESSION_FIELD,
} from '../nodes/shared/session';

export class EformsignApi implements ICredentialType {
	name = 'eformsignApi';

	displayName = 'Eformsign API';

	icon: Icon = { light: 'file:../icons/eformsign.svg', dark: 'file:../icons/eformsign.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-eformsign/n8n-nodes-eformsign#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Token Host',
			name: 'tokenHostUrl',
			type: 'string',
			default: 'https://api.eformsign.com',
			required: true,
			description:
				'Where tokens are issued. eformsign then names the API host itself. Public-sector tenants use https://www.gov-eformsign.com/Service; the local sandbox prints its own URL.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Integration > API / Webhook > Manage API key > View key',
		},
		{
			displayName: 'Verification Type',
			name: 'verificationType',
			type: 'options',
			default: 'signature',
			description: 'The verification type chosen when the API key was created in eformsign',
			options: [
				{
					name: 'eformsign Signature',
					value: 'signature',
					description: 'Each token request is signed with the private key (ECDSA P-256)',
				},
				{
					name: 'Bearer Token',
					value: 'bearer',
					description: 'The token value typed when the API key was created',
				},
				{
					name: 'Basic Authentication',
					value: 'basic',
					description: 'The ID and password set on the API key',
				},
			],
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The private key shown next to the API key (View key): a hex string starting with 30. A PEM block is accepted too.',
			displayOptions: { show: { verificationType: ['signature'] } },
		},
		{
			displayName: 'Token Value',
			name: 'bearerToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { verificationType: ['bearer'] } },
		},
		{
			displayName: 'ID',
			name: 'basicId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { verificationType: ['basic'] } },
		},
		{
			displayName: 'Password',
			name: 'basicPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { verificationType: ['basic'] } },
		},
		{
			displayName: 'Member ID',
			name: 'memberId',
			type: 'string',
			default: '',
			placeholder: 'e.g. name@example.com',
			description:
				'The e-mail a company member signs in with. The node then acts as that member.',
			hint: 'Without a Member ID the token is a company token, which cannot create documents or list templates',
		},
		{
			displayName: 'Session',
			name: SESSION_FIELD,
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	// n8n calls this when the stored session is empty, after a 401 (also the one `authenticate` answers
	// for a token eformsign refused), and for "Test"; it saves the result encrypted in the credential.
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const session = await obtainSession(
			async (options) => await this.helpers.httpRequest(options),
			readCredentials(credentials),
		);
		return { [SESSION_FIELD]: serializeSession(session) } as IDataObject;
	}

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => applySession(readCredentials(credentials), requestOptions);

	// The token itself is the real test (preAuthentication runs first, and its failures are reported in
	// plain words); the listing only proves that the issued token is accepted by the API host.
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: '={{$credentials.memberId ? "/v2.0/api/forms" : "/v2.0/api/groups"}}',
		},
	};
}
