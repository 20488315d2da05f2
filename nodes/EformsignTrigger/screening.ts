import type { IDataObject } from 'n8n-workflow';

import { headerValues } from './verification';

/**
 * Checks on the form of a request, apart from who sent it (verification.ts): its size, its content
 * type and its JSON. eformsign posts one small JSON event per request, as `application/json`
 * (eformsign's API guide, "Webhook"). Each refusal carries a reason that can be logged: it never quotes the body.
 */

/** eformsign's events are a few kilobytes; a body anywhere near this size is not one of them. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type RefusalStatus = 400 | 401 | 413;

export interface Refusal {
	status: RefusalStatus;
	reason: string;
}

function tooLarge(bytes: number, measured: string): Refusal {
	return {
		status: 413,
		reason: `the body is larger than 1 MB (${measured} ${bytes} bytes); eformsign events are a few kilobytes`,
	};
}

/** Looked at before the body is read, so an announced huge body is refused without reading it. */
export function declaredSizeProblem(headers: IDataObject): Refusal | undefined {
	const [declared] = headerValues(headers, ['content-length']);
	if (declared === undefined || !/^\d{1,15}$/.test(declared)) return undefined;
	const bytes = Number(declared);
	return bytes > MAX_BODY_BYTES ? tooLarge(bytes, 'Content-Length') : undefined;
}

export function sizeProblem(rawBody: Buffer): Refusal | undefined {
	return rawBody.length > MAX_BODY_BYTES ? tooLarge(rawBody.length, 'received') : undefined;
}

/** Text an unknown sender chose: kept short and on one line before it goes into a log line. */
export function printable(value: string): string {
	return value.replace(/[^\w.+/=-]/g, '?').slice(0, 60);
}

export function contentTypeProblem(headers: IDataObject): Refusal | undefined {
	const [contentType] = headerValues(headers, ['content-type']);
	if (contentType === undefined) {
		return {
			status: 400,
			reason: 'the Content-Type header is missing (eformsign sends application/json)',
		};
	}
	const [mediaType, ...parameters] = contentType.split(';').map((part) => part.trim());
	if (mediaType.toLowerCase() !== 'application/json') {
		return {
			status: 400,
			reason: `the Content-Type is "${printable(mediaType)}", not application/json as eformsign sends`,
		};
	}
	const charset = parameters
		.map((parameter) => /^charset\s*=\s*"?([^";\s]*)"?$/i.exec(parameter)?.[1])
		.find((value) => value !== undefined);
	if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
		return {
			status: 400,
			reason: `the Content-Type names the charset "${printable(charset)}", but eformsign sends UTF-8`,
		};
	}
	return undefined;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * The event object, read from the bytes that were verified (never from a re-serialised copy). A
 * leading byte-order mark is skipped as n8n's own parser does (n8n/dist/middlewares/body-parser.js
 * `stripBom`); the signature was checked over the bytes as sent, mark included.
 */
export function jsonBody(
	rawBody: Buffer | undefined,
	parsedByN8n: unknown,
): { body: IDataObject } | { refusal: Refusal } {
	let body: unknown = parsedByN8n;
	if (rawBody) {
		const text = rawBody.toString('utf8');
		try {
			body = JSON.parse(text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text) as unknown;
		} catch {
			return { refusal: { status: 400, reason: 'the body is not valid JSON' } };
		}
	}
	if (!isObject(body)) {
		return {
			refusal: {
				status: 400,
				reason: 'the body is not a JSON object (eformsign sends one event object per request)',
			},
		};
	}
	return { body };
}
