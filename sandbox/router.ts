// A tiny route table: `/v2.0/api/documents/:document_id` style patterns, one auth mode per route.

import type { AccessTokenRecord, ApiKeyRecord } from './auth';
import { authenticateAccessToken, authenticateApiKey } from './auth';
import type { SandboxContext } from './context';
import { ApiError } from './http';
import type { ApiRequest, ApiResponse } from './http';
import { activeMember } from './state';
import type { MemberRecord } from './state';

/**
 * none: token endpoints; apiKey: `Bearer base64(apiKey)` (docs/api/eformsign-api-notes.md, "Authentication");
 * access: any access token; member: an access token issued with member_id (company tokens get 4030009).
 */
type RouteAuth = 'none' | 'apiKey' | 'access' | 'member';

export interface RouteCall {
	context: SandboxContext;
	request: ApiRequest;
	token?: AccessTokenRecord;
	/** The token's member, when the token has one and the member still exists. */
	member?: MemberRecord;
	apiKey?: ApiKeyRecord;
}

export interface Route {
	method: string;
	pattern: string;
	auth: RouteAuth;
	handle(call: RouteCall): ApiResponse | Promise<ApiResponse>;
}

interface CompiledRoute {
	route: Route;
	segments: string[];
}

export class Router {
	private readonly compiled: CompiledRoute[];

	constructor(routes: Route[]) {
		this.compiled = routes.map((route) => ({ route, segments: route.pattern.split('/') }));
	}

	async dispatch(context: SandboxContext, request: ApiRequest): Promise<ApiResponse> {
		const segments = request.path.split('/');
		let pathMatched = false;
		for (const { route, segments: pattern } of this.compiled) {
			const params = matchSegments(pattern, segments);
			if (!params) continue;
			pathMatched = true;
			if (route.method !== request.method) continue;
			request.params = params;
			return await route.handle(authorise(context, request, route.auth));
		}
		if (pathMatched) throw new ApiError('4050001', 'This method is not supported.');
		throw new ApiError('4040001', `No API at ${request.method} ${request.path}.`);
	}
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
	if (pattern.length !== segments.length) return undefined;
	const params: Record<string, string> = {};
	for (let index = 0; index < pattern.length; index++) {
		const expected = pattern[index];
		const actual = segments[index];
		if (expected.startsWith(':')) {
			if (actual === '') return undefined;
			params[expected.slice(1)] = safeDecode(actual);
		} else if (expected !== actual) {
			return undefined;
		}
	}
	return params;
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		// A malformed escape is just an id that will not be found.
		return segment;
	}
}

function authorise(context: SandboxContext, request: ApiRequest, auth: RouteAuth): RouteCall {
	if (auth === 'none') return { context, request };
	if (auth === 'apiKey') return { context, request, apiKey: authenticateApiKey(context, request) };
	const token = authenticateAccessToken(context, request);
	const member = token.memberId ? activeMember(context.state, token.memberId) : undefined;
	if (auth === 'member') {
		if (!token.memberId) throw new ApiError('4030009', 'You do not have access.');
		if (!member) throw new ApiError('4000074', 'No such member exists.');
	}
	return { context, request, token, member };
}
