import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

import { MAX_BODY_BYTES } from '../../nodes/EformsignTrigger/screening';
import type { Sandbox } from '../../sandbox';
import { MAX_CANDIDATES } from '../../nodes/EformsignTrigger/verification';
import { nodeHeaders, type CapturedDelivery } from '../harness/webhook';

/**
 * The cases of webhooks.test.ts: how each forged, tampered, malformed or replayed delivery is made
 * from a real sandbox delivery, in which verification modes it applies, and what the trigger must
 * answer and log.
 */

export type Mode = 'signature' | 'bearer' | 'basic' | 'none';
export const VERIFIED: Mode[] = ['signature', 'bearer', 'basic'];
export const ALL: Mode[] = [...VERIFIED, 'none'];
const TEN_MB = 10 * 1024 * 1024;

export interface Kit {
	sbx: Sandbox;
	mode: Mode;
	/** The doc_complete delivery the sandbox really sent for this mode. */
	original: CapturedDelivery;
}

function webhookKey(sbx: Sandbox): KeyObject {
	const der = Buffer.from(sbx.demo.webhook.privateKeyHex, 'hex');
	return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

function signed(rawBody: Buffer, key: KeyObject): string {
	return sign('sha256', rawBody, { key, dsaEncoding: 'der' }).toString('hex');
}

/** What eformsign would send for these bytes in this mode: the same headers, valid credentials. */
export function authentic(
	kit: Kit,
	rawBody: Buffer,
	contentType = 'application/json',
): CapturedDelivery {
	const { webhook } = kit.sbx.demo;
	const headers: Record<string, string> = {
		'content-type': contentType,
		'content-length': String(rawBody.length),
		'user-agent': 'eformsign-sandbox-webhook',
	};
	if (kit.mode === 'signature') headers.eformsign_signature = signed(rawBody, webhookKey(kit.sbx));
	if (kit.mode === 'bearer') headers.authorization = `Bearer ${webhook.bearerToken}`;
	if (kit.mode === 'basic') {
		const pair = `${webhook.basicId}:${webhook.basicPassword}`;
		headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
	}
	return { headers, rawBody };
}

function withHeaders(
	delivery: CapturedDelivery,
	change: (headers: Record<string, string>) => void,
): CapturedDelivery {
	const headers = { ...delivery.headers };
	change(headers);
	return { headers, rawBody: delivery.rawBody };
}

/** A real event padded with a filler field to `bytes` bytes: valid JSON, just far too large. */
export function paddedEvent(original: CapturedDelivery, bytes: number): Buffer {
	const event = JSON.parse(original.rawBody.toString('utf8')) as Record<string, unknown>;
	const empty = Buffer.byteLength(JSON.stringify({ ...event, filler: '' }));
	return Buffer.from(JSON.stringify({ ...event, filler: 'x'.repeat(bytes - empty) }));
}

/** The delivery with its header lines as given (repeats allowed), as Node would receive them. */
export function withHeaderLines(
	delivery: CapturedDelivery,
	rawHeaders: string[],
): CapturedDelivery {
	return { headers: nodeHeaders(rawHeaders), rawHeaders, rawBody: delivery.rawBody };
}

function headerLines(headers: Record<string, string>): string[] {
	return Object.entries(headers).flatMap(([name, value]) => [name, value]);
}

const BOUNDARY = 'eformsign-forgery';

/** A form upload with one field, as `curl -F f=x` sends it. */
export function multipartBody(): Buffer {
	return Buffer.from(
		`--${BOUNDARY}\r\nContent-Disposition: form-data; name="f"\r\n\r\nx\r\n--${BOUNDARY}--\r\n`,
	);
}

export const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

export function flipHexDigit(hex: string, at: number): string {
	return `${hex.slice(0, at)}${hex[at] === '0' ? '1' : '0'}${hex.slice(at + 1)}`;
}

export interface Case {
	name: string;
	modes: Mode[];
	/** What the sender gets back. */
	status: number;
	/** The reason the log line must give (refusals at warn, the replay at info). */
	reason: RegExp;
	make(kit: Kit): CapturedDelivery;
	/** Delivered first and expected to start the workflow (the original of a replay). */
	first?: (kit: Kit) => CapturedDelivery;
}

const BAD_SIGNATURE = /the eformsign_signature does not match the body/;

export const CASES: Case[] = [
	// Authentication failures: 401.
	{
		name: 'a forged signature (one digit of the real one changed)',
		modes: ['signature'],
		status: 401,
		reason: BAD_SIGNATURE,
		make: ({ original }) =>
			withHeaders(
				original,
				(h) => (h.eformsign_signature = flipHexDigit(h.eformsign_signature, 20)),
			),
	},
	{
		name: 'a forged signature that is not even hex',
		modes: ['signature'],
		status: 401,
		reason: BAD_SIGNATURE,
		make: ({ original }) =>
			withHeaders(original, (h) => (h.eformsign_signature = 'forged-signature')),
	},
	{
		name: 'a signature by another P-256 key',
		modes: ['signature'],
		status: 401,
		reason: BAD_SIGNATURE,
		make: ({ original }) => {
			const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
			const forged = signed(original.rawBody, privateKey);
			return withHeaders(original, (h) => (h.eformsign_signature = forged));
		},
	},
	{
		name: 'a changed body (the status rewritten, signature kept)',
		modes: ['signature'],
		status: 401,
		reason: BAD_SIGNATURE,
		make: ({ original }) => ({
			headers: original.headers,
			rawBody: Buffer.from(
				original.rawBody.toString('utf8').replace('doc_complete', 'doc_deleted'),
			),
		}),
	},
	{
		name: 'the same JSON re-serialised (other bytes than eformsign signed)',
		modes: ['signature'],
		status: 401,
		reason: BAD_SIGNATURE,
		make: ({ original }) => ({
			headers: original.headers,
			rawBody: Buffer.from(JSON.stringify(JSON.parse(original.rawBody.toString('utf8')), null, 2)),
		}),
	},
	{
		name: 'a missing eformsign_signature header',
		modes: ['signature'],
		status: 401,
		reason: /the eformsign_signature header is missing/,
		make: ({ original }) => withHeaders(original, (h) => delete h.eformsign_signature),
	},
	{
		name: 'a wrong scheme: a Bearer token where a signature is configured',
		modes: ['signature'],
		status: 401,
		reason: /the eformsign_signature header is missing/,
		make: ({ original, sbx }) =>
			withHeaders(original, (h) => {
				delete h.eformsign_signature;
				h.authorization = `Bearer ${sbx.demo.webhook.bearerToken}`;
			}),
	},
	{
		name: 'a missing Authorization header',
		modes: ['bearer', 'basic'],
		status: 401,
		reason: /the Authorization header is missing/,
		make: ({ original }) => withHeaders(original, (h) => delete h.authorization),
	},
	{
		name: 'a wrong scheme: "Token …"',
		modes: ['bearer', 'basic'],
		status: 401,
		reason: /the Authorization header does not use the (Bearer|Basic) scheme/,
		make: ({ original, sbx }) =>
			withHeaders(original, (h) => (h.authorization = `Token ${sbx.demo.webhook.bearerToken}`)),
	},
	{
		name: 'a wrong scheme: Basic where Bearer is configured',
		modes: ['bearer'],
		status: 401,
		reason: /does not use the Bearer scheme/,
		make: ({ original, sbx }) =>
			withHeaders(original, (h) => {
				const { basicId, basicPassword } = sbx.demo.webhook;
				h.authorization = `Basic ${Buffer.from(`${basicId}:${basicPassword}`).toString('base64')}`;
			}),
	},
	{
		name: 'a wrong scheme: Bearer where Basic is configured',
		modes: ['basic'],
		status: 401,
		reason: /does not use the Basic scheme/,
		make: ({ original, sbx }) =>
			withHeaders(original, (h) => (h.authorization = `Bearer ${sbx.demo.webhook.basicPassword}`)),
	},
	{
		name: 'Basic with garbage instead of base64',
		modes: ['basic'],
		status: 401,
		reason: /the Basic credentials in the Authorization header are not base64 of "ID:password"/,
		make: ({ original }) =>
			withHeaders(original, (h) => (h.authorization = 'Basic %%not*base64%%')),
	},
	{
		name: 'Basic with base64 of a value without ":"',
		modes: ['basic'],
		status: 401,
		reason: /are not base64 of "ID:password"/,
		make: ({ original, sbx }) =>
			withHeaders(original, (h) => {
				const joined = `${sbx.demo.webhook.basicId}${sbx.demo.webhook.basicPassword}`;
				h.authorization = `Basic ${Buffer.from(joined).toString('base64')}`;
			}),
	},
	{
		name: 'an old Bearer token',
		modes: ['bearer'],
		status: 401,
		reason: /the Bearer token does not match/,
		make: ({ original, sbx }) =>
			withHeaders(
				original,
				(h) => (h.authorization = `Bearer ${sbx.demo.webhook.bearerToken}-old`),
			),
	},
	{
		name: 'a wrong Basic password',
		modes: ['basic'],
		status: 401,
		reason: /the Basic authentication ID or password does not match/,
		make: ({ original, sbx }) =>
			withHeaders(original, (h) => {
				const pair = `${sbx.demo.webhook.basicId}:${sbx.demo.webhook.basicPassword}1`;
				h.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
			}),
	},
	// Too large: 413, before any verification or parsing.
	{
		name: 'a 10 MB body with valid credentials',
		modes: ALL,
		status: 413,
		reason: /the body is larger than 1 MB \(Content-Length 10485760 bytes\)/,
		make: (kit) => authentic(kit, paddedEvent(kit.original, TEN_MB)),
	},
	{
		name: 'a 10 MB body sent without Content-Length (chunked)',
		modes: ALL,
		status: 413,
		reason: /the body is larger than 1 MB \(received 10485760 bytes\)/,
		make: (kit) =>
			withHeaders(authentic(kit, paddedEvent(kit.original, TEN_MB)), (h) => {
				delete h['content-length'];
				h['transfer-encoding'] = 'chunked';
			}),
	},
	{
		name: 'a 10 MB body with a forged signature (size is checked first)',
		modes: ['signature'],
		status: 413,
		reason: /the body is larger than 1 MB/,
		make: (kit) =>
			withHeaders(authentic(kit, paddedEvent(kit.original, TEN_MB)), (h) => {
				h.eformsign_signature = flipHexDigit(h.eformsign_signature, 20);
			}),
	},
	{
		name: 'a body one byte over the limit',
		modes: ['signature'],
		status: 413,
		reason: /\(Content-Length 1048577 bytes\)/,
		make: (kit) => authentic(kit, paddedEvent(kit.original, MAX_BODY_BYTES + 1)),
	},
	// Malformed, from an authenticated sender: 400.
	{
		name: 'invalid JSON',
		modes: ALL,
		status: 400,
		reason: /the body is not valid JSON/,
		make: (kit) => authentic(kit, Buffer.from('{"event_type": "document", ')),
	},
	{
		name: 'an empty body',
		modes: ALL,
		status: 400,
		reason: /the body is not valid JSON/,
		make: (kit) => authentic(kit, Buffer.alloc(0)),
	},
	{
		name: 'JSON that is not an object',
		modes: ALL,
		status: 400,
		reason: /the body is not a JSON object/,
		make: (kit) => authentic(kit, Buffer.from(`[${kit.original.rawBody.toString('utf8')}]`)),
	},
	{
		name: 'a wrong content type (text/plain)',
		modes: ALL,
		status: 400,
		reason: /the Content-Type is "text\/plain", not application\/json/,
		make: (kit) => authentic(kit, kit.original.rawBody, 'text/plain'),
	},
	{
		name: 'a missing Content-Type header',
		modes: ALL,
		status: 400,
		reason: /the Content-Type header is missing/,
		make: (kit) =>
			withHeaders(authentic(kit, kit.original.rawBody), (h) => delete h['content-type']),
	},
	{
		name: 'JSON in another charset',
		modes: ['signature'],
		status: 400,
		reason: /names the charset "iso-8859-1", but eformsign sends UTF-8/,
		make: (kit) => authentic(kit, kit.original.rawBody, 'application/json; charset=iso-8859-1'),
	},
	// Who sent it is checked before its form: an unauthenticated sender only ever learns 401.
	{
		name: 'invalid JSON with a forged signature (nothing is parsed before verifying)',
		modes: ['signature'],
		status: 401,
		reason: BAD_SIGNATURE,
		make: (kit) =>
			withHeaders(authentic(kit, Buffer.from('{"event_type": ')), (h) => {
				h.eformsign_signature = kit.original.headers.eformsign_signature;
			}),
	},
	{
		name: 'a wrong content type with a wrong token',
		modes: ['bearer'],
		status: 401,
		reason: /the Bearer token does not match/,
		make: (kit) =>
			withHeaders(authentic(kit, kit.original.rawBody, 'text/plain'), (h) => {
				h.authorization = 'Bearer not-the-token';
			}),
	},
	// Bodies the trigger cannot read: n8n's form parser has consumed a multipart body (400, not 500).
	{
		name: 'an unsigned multipart/form-data request (curl -F f=x)',
		modes: ALL,
		status: 400,
		reason: /the body is multipart\/form-data/,
		make: () => ({
			headers: { 'content-type': MULTIPART, 'content-length': String(multipartBody().length) },
			rawBody: multipartBody(),
		}),
	},
	{
		name: 'a multipart/form-data request with valid credentials',
		modes: VERIFIED,
		status: 400,
		reason: /the body is multipart\/form-data/,
		make: (kit) => authentic(kit, multipartBody(), MULTIPART),
	},
	// Repeated headers: every value is a candidate, but only so many are checked.
	{
		name: `${MAX_CANDIDATES + 1} eformsign_signature header lines`,
		modes: ['signature'],
		status: 400,
		reason: new RegExp(
			`${MAX_CANDIDATES + 1} eformsign_signature values; at most ${MAX_CANDIDATES}`,
		),
		make: ({ original }) =>
			withHeaderLines(original, [
				...headerLines(original.headers),
				...Array.from({ length: MAX_CANDIDATES }, (_, index) => [
					'eformsign_signature',
					flipHexDigit(original.headers.eformsign_signature, 20 + index),
				]).flat(),
			]),
	},
	{
		name: 'two eformsign_signature header lines, both wrong',
		modes: ['signature'],
		status: 401,
		reason: BAD_SIGNATURE,
		make: ({ original }) => {
			const { eformsign_signature: signature, ...others } = original.headers;
			return withHeaderLines(original, [
				...headerLines(others),
				'eformsign_signature',
				flipHexDigit(signature, 20),
				'eformsign_signature',
				flipHexDigit(signature, 30),
			]);
		},
	},
	{
		name: `${MAX_CANDIDATES + 1} Authorization header lines`,
		modes: ['bearer', 'basic'],
		status: 400,
		reason: new RegExp(`${MAX_CANDIDATES + 1} Authorization values; at most ${MAX_CANDIDATES}`),
		make: ({ original }) =>
			withHeaderLines(original, [
				...headerLines(original.headers),
				...Array.from({ length: MAX_CANDIDATES }, () => ['authorization', 'Bearer wrong']).flat(),
			]),
	},
	// Replays: acknowledged with 200 so eformsign stops retrying, and nothing starts.
	{
		name: 'a replayed delivery (byte for byte)',
		modes: ALL,
		status: 200,
		reason:
			/acknowledged \(HTTP 200\) without starting the workflow because it repeats one already handled/,
		first: ({ original }) => original,
		make: ({ original }) => original,
	},
	{
		name: 'the same event again under a fresh signature',
		modes: ['signature'],
		status: 200,
		reason: /repeats one already handled \(document \w+, history \w+, status doc_complete\)/,
		first: ({ original }) => original,
		make: (kit) => authentic(kit, kit.original.rawBody),
	},
];
