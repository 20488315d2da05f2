import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { sessionFor, type EformsignCredentials } from './session';

/**
 * Stands for the company's ID in a path (e.g. usage statistics). The company ID comes with the
 * token, so the credential fills it in; users never have to look it up.
 */
export const COMPANY_ID_PLACEHOLDER = '{company_id}';

/**
 * Puts the session on a request (the credential's `authenticate`): the bearer token, and
 * eformsign's API host from the token response as base URL for relative paths. Which session, and
 * whether n8n must renew it first, the session module decides (`sessionFor`).
 * It mutates and returns the same options object, so the transport can tell which token was sent.
 */
export function applySession(
	credentials: EformsignCredentials,
	options: IHttpRequestOptions,
): IHttpRequestOptions {
	const headers: IDataObject = { ...(options.headers ?? {}) };
	const session = sessionFor(credentials, headers);
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
