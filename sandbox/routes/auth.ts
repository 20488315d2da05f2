// Token endpoints (docs/api/eformsign-api-notes.md, "Access token" and "Refresh token"). They authenticate
// themselves, so auth is 'none'.

import { issueAccessToken, refreshAccessToken } from '../auth';
import type { Route } from '../router';

export const authRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/v2.0/api_auth/access_token',
		auth: 'none',
		handle: ({ context, request }) => issueAccessToken(context, request),
	},
	{
		method: 'POST',
		pattern: '/v2.0/api_auth/refresh_token',
		auth: 'none',
		handle: ({ context, request }) => refreshAccessToken(context, request),
	},
];
