// Fault injection: queued faults are matched against each incoming request (before routing) and
// consumed, so a test can say "the next two list calls answer 503" or "drop the token call".

import { errorBody, statusForCode } from './http';
import type { ApiResponse } from './http';
import type { Fault } from './types';

interface QueuedFault {
	fault: Fault;
	remaining: number;
}

export class FaultQueue {
	private readonly queued: QueuedFault[] = [];
	// Seeded, so a soak test with `rate` hits the same requests on every run.
	private seed = 0x2f6b1c3d;

	private random(): number {
		this.seed = (Math.imul(this.seed, 1664525) + 1013904223) >>> 0;
		return this.seed / 2 ** 32;
	}

	add(fault: Fault): void {
		validateFault(fault);
		const remaining = fault.count ?? 1;
		if (remaining > 0) this.queued.push({ fault: { ...fault }, remaining });
	}

	clear(): void {
		this.queued.length = 0;
		this.seed = 0x2f6b1c3d;
	}

	get pending(): Fault[] {
		return this.queued.map(({ fault, remaining }) => ({ ...fault, count: remaining }));
	}

	/** The first queued fault matching this request, consuming one of its uses. */
	take(method: string, path: string): Fault | undefined {
		const index = this.queued.findIndex(
			({ fault }) =>
				faultMatches(fault, method, path) && (fault.rate === undefined || this.random() < fault.rate),
		);
		if (index < 0) return undefined;
		const entry = this.queued[index];
		entry.remaining--;
		if (entry.remaining <= 0) this.queued.splice(index, 1);
		return entry.fault;
	}
}

function validateFault(fault: Fault): void {
	if (typeof fault !== 'object' || fault === null) throw new Error('fault must be an object');
	if (fault.count !== undefined && (!Number.isInteger(fault.count) || fault.count < 0)) {
		throw new Error('fault.count must be a non-negative integer');
	}
	if (fault.status !== undefined && (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599)) {
		throw new Error('fault.status must be an HTTP status code');
	}
	if (fault.rate !== undefined && (typeof fault.rate !== 'number' || fault.rate <= 0 || fault.rate > 1)) {
		throw new Error('fault.rate must be a number in (0, 1]');
	}
	if (fault.delayMs !== undefined && (typeof fault.delayMs !== 'number' || fault.delayMs < 0)) {
		throw new Error('fault.delayMs must be a non-negative number');
	}
}

function faultMatches(fault: Fault, method: string, path: string): boolean {
	const match = fault.match;
	if (!match) return true;
	if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
	if (match.path) {
		if (match.path.endsWith('*')) return path.startsWith(match.path.slice(0, -1));
		return path === match.path;
	}
	return true;
}

/** Whether the fault replaces the answer (otherwise it only delays the normal one). */
export function faultAnswers(fault: Fault): boolean {
	return fault.status !== undefined || fault.code !== undefined || fault.body !== undefined;
}

/**
 * The injected answer. With only a status the body is an eformsign-style error whose code is the
 * status followed by 0001 (e.g. 503 → "5030001"); with only a code the status follows the code.
 */
export function faultResponse(fault: Fault): ApiResponse {
	const headers: Record<string, string> = {};
	if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
	const status = fault.status ?? (fault.code ? statusForCode(fault.code) : 500);
	if (fault.body !== undefined) {
		headers['content-type'] = fault.contentType ?? 'text/html; charset=utf-8';
		return { status, headers, body: fault.body };
	}
	const code = fault.code ?? `${status}0001`;
	const message = fault.message ?? 'Injected fault.';
	if (fault.contentType) headers['content-type'] = fault.contentType;
	return { status, headers, json: errorBody(code, message) };
}
