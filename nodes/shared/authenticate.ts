import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { currentSession, type EformsignCredentials } from './token';

/**
 * Marks a request that authenticates with the API key instead of a token: the two "external"
 * endpoints (api-reference §2.7). The credential removes the marker before the request leaves.
 */
export const AUTH_MODE_HEADER = 'x-eformsign-auth-mode';
export const API_KEY_MODE = 'api-key';

/**
 * Stands for the company's ID in a path (e.g. usage statistics, §4.13). The company ID comes with
 * the token, so the credential fills it in; users never have to look it up.
 */
export const COMPANY_ID_PLACEHOLDER = '{company_id}';

/**
 * No session fits the credential's current values (its key or Member ID changed since the stored
 * token was issued). Answered like an expired token, before anything is sent: n8n then runs the
 * credential's preAuthentication and retries with the token it gets.
 */
export class SessionExpired extends Error {
	readonly response = { status: 401, statusText: 'Unauthorized' };

	constructor() {
		super('The eformsign token does not belong to the current credential values');
		this.name = 'SessionExpired';
	}
}

/**
 * Puts the session on a request: the bearer token (or the base64 API key for external endpoints),
 * and eformsign's API host from the token response as base URL for relative paths.
 * It mutates and returns the same options object, so the transport can tell which token was sent.
 */
export function applySession(
	credentials: EformsignCredentials,
	options: IHttpRequestOptions,
): IHttpRequestOptions {
	const session = currentSession(credentials);
	if (!session) throw new SessionExpired();
	const headers: IDataObject = { ...(options.headers ?? {}) };
	const mode = headers[AUTH_MODE_HEADER];
	delete headers[AUTH_MODE_HEADER];
	if (mode === API_KEY_MODE) {
		headers.Authorization = `Bearer ${Buffer.from(credentials.apiKey).toString('base64')}`;
		const qs: IDataObject = { ...(options.qs ?? {}) };
		if (!qs.company_id) qs.company_id = session.companyId;
		options.qs = qs;
	} else {
		headers.Authorization = `Bearer ${session.accessToken}`;
	}
	options.headers = headers;
	if (options.url.includes(COMPANY_ID_PLACEHOLDER)) {
		options.url = options.url.split(COMPANY_ID_PLACEHOLDER).join(encodeURIComponent(session.companyId));
	}
	if (!options.baseURL && options.url.startsWith('/')) options.baseURL = session.apiUrl;
	return options;
}
