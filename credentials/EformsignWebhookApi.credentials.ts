import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * The verification settings of one webhook in the eformsign console (Integration > API / Webhook >
 * Manage Webhook), for the eformsign Trigger. A credential rather than node parameters, so the
 * Bearer token and Basic password are stored encrypted instead of in the workflow JSON, and one
 * console webhook can serve several workflows. "Test" (tested by the trigger node) checks the
 * values offline: eformsign offers no API call that could check them.
 */
export class EformsignWebhookApi implements ICredentialType {
	name = 'eformsignWebhookApi';

	displayName = 'Eformsign Webhook API';

	icon: Icon = { light: 'file:../icons/eformsign.svg', dark: 'file:../icons/eformsign.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-eformsign/n8n-nodes-eformsign#eformsign-trigger';

	properties: INodeProperties[] = [
		{
			displayName: 'Verification Type',
			name: 'verificationType',
			type: 'options',
			default: 'signature',
			description: 'The verification type chosen for the webhook in the eformsign console',
			options: [
				{
					name: 'eformsign Signature',
					value: 'signature',
					description:
						'eformsign signs each request with its key; the trigger checks it with the public key',
				},
				{
					name: 'Bearer Token',
					value: 'bearer',
					description: 'eformsign sends the token value typed in the console',
				},
				{
					name: 'Basic Authentication',
					value: 'basic',
					description: 'eformsign sends the ID and password typed in the console',
				},
			],
		},
		{
			displayName: 'Public Key',
			name: 'publicKey',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			required: true,
			placeholder: 'e.g. 3059301306072a8648ce3d020106082a8648ce3d03010703420004…',
			description:
				'Manage Webhook > View key: a hex string that starts with 3059. A PEM block is accepted too. After "Regenerate key" in the console, paste the new one here.',
			displayOptions: { show: { verificationType: ['signature'] } },
		},
		{
			displayName: 'Token Value',
			name: 'bearerToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The token typed in the console, without "Bearer "',
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
	];
}
