/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// Request/response shapes shared by the routes, eformsign's error convention, and the small
// value coercions eformsign tolerates (docs/api/eformsign-api-notes.md, "Variants eformsign accepts").

import type { Readable } from 'node:stream';

export interface ApiRequest {
	method: string;
	path: string;
	params: Record<string, string>;
	query: Record<string, string>;
	/** Lower-cased header names. */
	headers: Record<string, string>;
	rawBody: string;
	/** Parsed JSON; undefined when the body is empty or not JSON (see bodyIsInvalidJson). */
	body: unknown;
	bodyIsInvalidJson: boolean;
}

export interface ApiResponse {
	status: number;
	headers?: Record<string, string>;
	json?: unknown;
	body?: Buffer | string;
	/** Large downloads are generated as a stream, never held in memory. */
	stream?: Readable;
}

/** An eformsign error answer: `{code, ErrorMessage, …extra}`. */
export class ApiError extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly extra: Record<string, unknown> = {},
		readonly httpStatus: number = statusForCode(code),
	) {
		super(message);
	}
}

/** HTTP status = first three digits of the code, except 2020001 → 202 (docs/api/eformsign-api-notes.md, "Errors"). */
export function statusForCode(code: string): number {
	if (code === '2020001') return 202;
	const status = Number(code.slice(0, 3));
	return Number.isInteger(status) && status >= 100 && status <= 599 ? status : 500;
}

export function errorBody(code: string, message: string, extra: Record<string, unknown> = {}) {
	return { code, ErrorMessage: message, ...extra };
}

export function json(body: unknown, status = 200): ApiResponse {
	return { status, json: body };
}

export function errorResponse(error: ApiError): ApiResponse {
	return { status: error.httpStatus, json: errorBody(error.code, error.message, error.extra) };
}

/** The generic success envelope used by delete endpoints (docs/api/eformsign-api-notes.md, "Errors"). */
export function completed(extra: Record<string, unknown> = {}): ApiResponse {
	return json({ ...extra, code: '-1', message: 'Completed.', status: '200' });
}

const REQUIRED_INPUT = 'Required input value not found.';

export function requiredInput(message = REQUIRED_INPUT): ApiError {
	return new ApiError('4000001', message);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON body as an object; empty → undefined; unparseable → 4000070 like eformsign. */
export function jsonBody(request: ApiRequest): Record<string, unknown> | undefined {
	if (request.bodyIsInvalidJson) throw new ApiError('4000070', 'Invalid input JSON format.');
	if (request.body === undefined) return undefined;
	if (!isRecord(request.body)) throw new ApiError('4000070', 'Invalid input JSON format.');
	return request.body;
}

/** Boolean from a JSON boolean or the strings "true"/"false"; anything else is undefined. */
export function looseBoolean(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (value === 'true') return true;
	if (value === 'false') return false;
	return undefined;
}

/** Query flag: only the literal "true" switches it on (include_* default to false). */
export function queryFlag(query: Record<string, string>, name: string): boolean {
	return query[name]?.toLowerCase() === 'true';
}

/** Integer from a number or a digit string (limit/skip/dates are sent both ways). */
export function looseInteger(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isInteger(value)) return value;
	if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
	return undefined;
}

export function nonEmptyString(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isValidEmail(value: string): boolean {
	return EMAIL_PATTERN.test(value);
}
