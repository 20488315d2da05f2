/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
// The HTTP pipeline: log the request, take its queued fault (a delay starts as it arrives), read
// it, route it, write the answer.
// Listens on 127.0.0.1 only; close() destroys open sockets and pending delays so jest can exit.

import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

import type { SandboxContext } from './context';
import { faultAnswers, faultResponse } from './faults';
import type { FaultQueue } from './faults';
import type { Fault, RequestLogEntry } from './types';
import { ApiError, errorBody, errorResponse, isRecord } from './http';
import type { ApiRequest, ApiResponse } from './http';
import type { Router } from './router';

const MAX_BODY_BYTES = 64 * 1024 * 1024;
const CONTROL_PREFIX = '/_sandbox';

interface ServerParts {
	context: SandboxContext;
	router: Router;
	faults: FaultQueue;
	log: RequestLogEntry[];
	/** Told of every API request as it arrives, before it is read or handled. */
	arrived(entry: RequestLogEntry): void;
	control(request: ApiRequest): Promise<ApiResponse>;
}

interface ArrivedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	isControl: boolean;
	/** Absent for control requests, which the log leaves out. */
	entry?: RequestLogEntry;
	/** The queued fault this request takes, chosen as it arrives. */
	fault?: Fault;
	/**
	 * The fault's delay, started as the request arrives: a test that saw it arrive finds it on the
	 * clock. Settles to false when the sandbox was reset meanwhile: the request is then dropped.
	 */
	delayed?: Promise<boolean>;
}

interface PendingDelay {
	timer: NodeJS.Timeout;
	resolve(): void;
}

export class SandboxHttpServer {
	private readonly server: Server;
	private readonly sockets = new Set<Socket>();
	private readonly delays = new Set<PendingDelay>();
	/** Counts resets: a request held across one belongs to a test that is over. */
	private generation = 0;
	private apiRequestsInFlight = 0;

	constructor(private readonly parts: ServerParts) {
		this.server = createServer((request, response) => {
			this.handle(request, response).catch((error: Error) => {
				// Last resort: the pipeline itself failed (not a route; those become JSON errors).
				if (!response.headersSent && !response.destroyed) {
					response.statusCode = 500;
					response.end(JSON.stringify(errorBody('5000001', `Sandbox failure: ${error.message}`)));
				}
			});
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	async listen(port: number): Promise<number> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, '127.0.0.1', () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		const address = this.server.address();
		if (!address || typeof address === 'string') throw new Error('sandbox did not get a TCP port');
		return address.port;
	}

	/** Ends the fault delays still holding requests; those requests are then dropped unanswered. */
	dropHeld(): void {
		this.generation++;
		this.releaseDelays();
	}

	private releaseDelays(): void {
		for (const delay of this.delays) {
			clearTimeout(delay.timer);
			delay.resolve();
		}
		this.delays.clear();
	}

	async close(): Promise<void> {
		this.releaseDelays();
		const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
		for (const socket of this.sockets) socket.destroy();
		this.sockets.clear();
		await closed;
	}

	private async sleep(ms: number): Promise<void> {
		await new Promise<void>((resolve) => {
			const delay: PendingDelay = {
				timer: setTimeout(() => {
					this.delays.delete(delay);
					resolve();
				}, ms),
				resolve,
			};
			this.delays.add(delay);
		});
	}

	private async handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
		const method = (incoming.method ?? 'GET').toUpperCase();
		const path = url.pathname;
		const query: Record<string, string> = {};
		for (const [name, value] of url.searchParams) query[name] = value;
		const headers = flattenHeaders(incoming);
		const isControl = path === CONTROL_PREFIX || path.startsWith(CONTROL_PREFIX + '/');

		if (isControl) {
			await this.handleRequest(incoming, response, { method, path, query, headers, isControl });
			return;
		}
		const entry: RequestLogEntry = {
			method,
			path,
			query,
			headers,
			body: undefined,
			rawBody: '',
			status: 0,
			at: Date.now(),
			inFlight: this.apiRequestsInFlight,
		};
		this.parts.log.push(entry);
		this.apiRequestsInFlight++;
		this.parts.arrived(entry);
		const fault = this.parts.faults.take(method, path);
		const generation = this.generation;
		const delayed = fault?.delayMs
			? this.sleep(fault.delayMs).then(() => generation === this.generation)
			: undefined;
		try {
			await this.handleRequest(incoming, response, { method, path, query, headers, isControl, entry, fault, delayed });
		} finally {
			this.apiRequestsInFlight--;
		}
	}

	private async handleRequest(
		incoming: IncomingMessage,
		response: ServerResponse,
		{ method, path, query, headers, isControl, entry, fault, delayed }: ArrivedRequest,
	): Promise<void> {
		const rawBody = await readBody(incoming);
		if (rawBody === undefined) {
			this.write(response, errorResponse(new ApiError('4130002', 'The file is too large.')), entry, method);
			return;
		}
		const request = parseRequest(method, path, query, headers, rawBody);
		if (entry) {
			entry.rawBody = rawBody;
			entry.body = request.bodyIsInvalidJson ? rawBody : request.body;
		}

		if (isControl) {
			this.write(response, await this.parts.control(request), entry, method);
			return;
		}

		if ((await delayed) === false) {
			incoming.socket.destroy();
			return;
		}
		// `afterHandling`: eformsign did the work, then the answer was lost or replaced (a 500 from a
		// proxy, a dropped connection) — the case where a client retry would do the work twice.
		const handledFirst = fault?.afterHandling === true ? await this.route(request) : undefined;
		if (fault?.drop) {
			incoming.socket.destroy();
			return;
		}
		let answer: ApiResponse;
		if (fault && faultAnswers(fault)) {
			answer = faultResponse(fault);
		} else {
			answer = handledFirst ?? (await this.route(request));
			if (fault?.retryAfter !== undefined) {
				answer.headers = { ...answer.headers, 'retry-after': String(fault.retryAfter) };
			}
		}
		this.write(response, answer, entry, method);
	}

	private async route(request: ApiRequest): Promise<ApiResponse> {
		try {
			return await this.parts.router.dispatch(this.parts.context, request);
		} catch (error) {
			if (error instanceof ApiError) return errorResponse(error);
			return errorResponse(new ApiError('5000001', `Server error: ${(error as Error).message}`));
		}
	}

	private write(
		response: ServerResponse,
		answer: ApiResponse,
		entry: RequestLogEntry | undefined,
		method: string,
	): void {
		if (response.destroyed || response.socket?.destroyed) return;
		// Content-Length goes last: Node re-encodes a Content-Disposition value that follows it
		// (nodejs/node#46528) and then rejects the UTF-8 file names this sandbox sends on purpose.
		const { 'content-length': declaredLength, ...headers } = answer.headers ?? {};
		let payload: Buffer | undefined;
		if (answer.json !== undefined) {
			payload = Buffer.from(JSON.stringify(answer.json), 'utf8');
			headers['content-type'] ??= 'application/json;charset=UTF-8';
			if (entry && isRecord(answer.json) && typeof answer.json.code === 'string') entry.code = answer.json.code;
		} else if (answer.body !== undefined) {
			payload = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
		}
		const length = payload ? String(payload.length) : declaredLength;
		if (length !== undefined) headers['content-length'] = length;
		if (entry) entry.status = answer.status;
		response.writeHead(answer.status, headers);
		if (method === 'HEAD') {
			answer.stream?.destroy();
			response.end();
		} else if (answer.stream) {
			const stream = answer.stream;
			stream.on('error', () => response.destroy());
			response.on('close', () => stream.destroy());
			stream.pipe(response);
		} else {
			response.end(payload);
		}
	}
}

function flattenHeaders(incoming: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(incoming.headers)) {
		if (value === undefined) continue;
		headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}

/** The body as UTF-8 text, or undefined when it is larger than MAX_BODY_BYTES. */
async function readBody(incoming: IncomingMessage): Promise<string | undefined> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of incoming) {
		const buffer = chunk as Buffer;
		size += buffer.length;
		if (size > MAX_BODY_BYTES) {
			incoming.resume();
			return undefined;
		}
		chunks.push(buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

function parseRequest(
	method: string,
	path: string,
	query: Record<string, string>,
	headers: Record<string, string>,
	rawBody: string,
): ApiRequest {
	const request: ApiRequest = {
		method,
		path,
		params: {},
		query,
		headers,
		rawBody,
		body: undefined,
		bodyIsInvalidJson: false,
	};
	if (rawBody.trim() === '') return request;
	try {
		request.body = JSON.parse(rawBody) as unknown;
	} catch {
		// Routes decide what a non-JSON body means (usually 4000070); the log keeps the raw text.
		request.bodyIsInvalidJson = true;
	}
	return request;
}
