import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { companyOf, currentSession, markRefused, tokenDigest, type EformsignCredentials } from './token';

/**
 * Marks a request that authenticates with the API key instead of a token: the two "external"
 * endpoints (eformsign's documentation: "Create document (external)", "Reject document (external)").
 * The credential removes the marker before the request leaves.
 */
export const AUTH_MODE_HEADER = 'x-eformsign-auth-mode';
export const API_KEY_MODE = 'api-key';

/**
 * Carries the digest (`tokenDigest`) of an access token eformsign refused, when the transport
 * sends the request again. Removed before the request leaves.
 */
export const REFUSED_TOKEN_HEADER = 'x-eformsign-refused-token';

/**
 * Stands for the company's ID in a path (e.g. usage statistics). The company ID comes with the
 * token, so the credential fills it in; users never have to look it up.
 */
export const COMPANY_ID_PLACEHOLDER = '{company_id}';

/**
 * No session fits the credential's current values (its key or Member ID changed since the stored
 * token was issued), or eformsign refused the session's token. Answered like an expired token,
 * before anything is sent: n8n-core then runs the credential's preAuthentication, saves what it
 * returns, and retries with it.
 */
export class SessionExpired extends Error {
	readonly response = { status: 401, statusText: 'Unauthorized' };

	constructor() {
		super('The eformsign token has expired or does not belong to the current credential values');
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
	const headers: IDataObject = { ...(options.headers ?? {}) };
	const mode = headers[AUTH_MODE_HEADER];
	const refused = headers[REFUSED_TOKEN_HEADER];
	if (mode === API_KEY_MODE) {
		const company = companyOf(credentials);
		// Only reached through n8n's own authentication (the transport signs these itself): a
		// token issued by preAuthentication tells the company.
		if (!company) throw new SessionExpired();
		return applyApiKey(credentials, company, options);
	}
	const session = currentSession(credentials);
	if (!session) throw new SessionExpired();
	// The session n8n handed over is the one eformsign refused: nobody has saved a newer one yet.
	if (refused !== undefined && refused === tokenDigest(session.accessToken)) {
		markRefused(session);
		throw new SessionExpired();
	}
	delete headers[REFUSED_TOKEN_HEADER];
	headers.Authorization = `Bearer ${session.accessToken}`;
	return withBaseUrl(options, headers, session.companyId, session.apiUrl);
}

/**
 * Authenticates an API-key endpoint: base64 API key, the company in `company_id`, eformsign's API
 * host. Needs no token, so a disabled or misspelled Member ID cannot get in the way.
 */
export function applyApiKey(
	credentials: EformsignCredentials,
	company: { companyId: string; apiUrl: string },
	options: IHttpRequestOptions,
): IHttpRequestOptions {
	const headers: IDataObject = { ...(options.headers ?? {}) };
	delete headers[AUTH_MODE_HEADER];
	delete headers[REFUSED_TOKEN_HEADER];
	headers.Authorization = `Bearer ${Buffer.from(credentials.apiKey).toString('base64')}`;
	const qs: IDataObject = { ...(options.qs ?? {}) };
	if (!qs.company_id) qs.company_id = company.companyId;
	options.qs = qs;
	return withBaseUrl(options, headers, company.companyId, company.apiUrl);
}

function withBaseUrl(
	options: IHttpRequestOptions,
	headers: IDataObject,
	companyId: string,
	apiUrl: string,
): IHttpRequestOptions {
	options.headers = headers;
	if (options.url.includes(COMPANY_ID_PLACEHOLDER)) {
		options.url = options.url.split(COMPANY_ID_PLACEHOLDER).join(encodeURIComponent(companyId));
	}
	if (!options.baseURL && options.url.startsWith('/')) options.baseURL = apiUrl;
	return options;
}
