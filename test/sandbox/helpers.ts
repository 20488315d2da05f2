// Plain-fetch helpers for the sandbox self-tests: they talk to the sandbox the way any eformsign
// client would, with their own signing code (no code shared with nodes/).

import { createPrivateKey, sign } from 'node:crypto';

import type { Sandbox } from '../../sandbox';

export type KeyType = 'signature' | 'bearer' | 'basic';

export interface Answer {
	status: number;
	headers: Headers;
	json: Record<string, unknown>;
	text: string;
}

export function encodedApiKey(apiKey: string): string {
	return Buffer.from(apiKey).toString('base64');
}

export function signTime(privateKeyHex: string, message: string, encoding: 'der' | 'ieee-p1363' = 'der'): string {
	const key = createPrivateKey({ key: Buffer.from(privateKeyHex, 'hex'), format: 'der', type: 'pkcs8' });
	return sign('sha256', Buffer.from(message), { key, dsaEncoding: encoding }).toString('hex');
}

export function signatureHeader(sandbox: Sandbox, type: KeyType, executionTime: number | string): string {
	const { demo } = sandbox;
	if (type === 'bearer') return `Bearer ${demo.bearer.token}`;
	if (type === 'basic') return `Basic ${Buffer.from(`${demo.basic.id}:${demo.basic.password}`).toString('base64')}`;
	return signTime(demo.signature.privateKeyHex, String(executionTime));
}

async function answer(response: Response): Promise<Answer> {
	const text = await response.text();
	let json: Record<string, unknown> = {};
	try {
		json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
	} catch {
		json = {};
	}
	return { status: response.status, headers: response.headers, json, text };
}

export async function requestToken(
	sandbox: Sandbox,
	options: {
		type?: KeyType;
		apiKey?: string;
		authorization?: string;
		signature?: string;
		body?: unknown;
		executionTime?: number | string;
		memberId?: string;
	} = {},
): Promise<Answer> {
	const type = options.type ?? 'signature';
	const executionTime = options.executionTime ?? Date.now();
	const apiKey = options.apiKey ?? sandbox.demo[type].apiKey;
	const body =
		options.body !== undefined
			? options.body
			: { execution_time: executionTime, ...(options.memberId !== undefined ? { member_id: options.memberId } : {}) };
	const response = await fetch(`${sandbox.url}/v2.0/api_auth/access_token`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			authorization: options.authorization ?? `Bearer ${encodedApiKey(apiKey)}`,
			eformsign_signature: options.signature ?? signatureHeader(sandbox, type, executionTime),
		},
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return await answer(response);
}

export interface Tokens {
	access: string;
	refresh: string;
	apiUrl: string;
}

/** A member token of the demo member (or the given member; '' for a company token). */
export async function token(sandbox: Sandbox, memberId: string = sandbox.demo.memberId, type: KeyType = 'signature'): Promise<Tokens> {
	const issued = await requestToken(sandbox, { type, memberId: memberId || undefined });
	if (issued.status !== 200) throw new Error(`token failed: ${issued.text}`);
	const oauth = issued.json.oauth_token as { access_token: string; refresh_token: string };
	const company = (issued.json.api_key as { company: { api_url: string } }).company;
	return { access: oauth.access_token, refresh: oauth.refresh_token, apiUrl: company.api_url };
}

export async function api(
	sandbox: Sandbox,
	accessToken: string,
	method: string,
	path: string,
	body?: unknown,
	extraHeaders: Record<string, string> = {},
): Promise<Answer> {
	const response = await fetch(`${sandbox.url}${path}`, {
		method,
		headers: {
			authorization: `Bearer ${accessToken}`,
			...(body !== undefined ? { 'content-type': 'application/json' } : {}),
			...extraHeaders,
		},
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	return await answer(response);
}

export async function binary(sandbox: Sandbox, accessToken: string, path: string) {
	const response = await fetch(`${sandbox.url}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
	const bytes = Buffer.from(await response.arrayBuffer());
	return { status: response.status, headers: response.headers, bytes };
}

export function recipient(id: string, name = 'Test Person', stepType = '05') {
	return { step_type: stepType, use_mail: true, use_sms: false, member: { name, id } };
}
