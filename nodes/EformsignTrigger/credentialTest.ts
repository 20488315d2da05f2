import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { configurationProblem, readWebhookSecrets } from './verification';

/**
 * "Test" for the eformsign Webhook credential. eformsign has no API call for webhooks, so this
 * checks offline what can be checked: that the public key is a P-256 key in a format eformsign
 * shows, and that Bearer and Basic values are complete.
 */
export async function eformsignWebhookCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const secrets = readWebhookSecrets(credential.data ?? {});
	const problem = configurationProblem(secrets);
	if (problem)
		return { status: 'Error', message: problem.charAt(0).toUpperCase() + problem.slice(1) };
	return {
		status: 'OK',
		message:
			secrets.verificationType === 'signature'
				? 'The public key is a valid eformsign key. Press Test in the eformsign console to check the whole set-up.'
				: 'The values are complete. Press Test in the eformsign console to check the whole set-up.',
	};
}
