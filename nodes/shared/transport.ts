import {
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { applyApiKey } from './authenticate';
import { cancelSignalOf, pauseUnlessStopped } from './cancel';
import {
	causesOf,
	eformsignErrorFields,
	EformsignAuthError,
	hintFor,
	toNodeApiError,
	type EformsignFailure,
} from './errors';
import { learnCompany, readCredentials, SessionExpired, TokenRecovery } from './session';
import { parseResponseBody, readStream, type ParsedBody, type Readable } from './responses';

export type EformsignContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IWebhookFunctions
	| IHookFunctions;

export const CREDENTIAL_TYPE = 'eformsignApi';
const DEFAULT_TIMEOUT_MS = 60_000;
const READ_ATTEMPTS = 4;
const BACKOFF_BASE_MS = 400;
const BACKOFF_MAX_MS = 8_000;
const RETRY_AFTER_MAX_MS = 30_000;

/**
 * The input item a request is made for. The action node reads "Request Options > Timeout" for
 * each item (an expression may differ per item) and passes it with the item's requests; requests
 * that carry many items (bulk creation, Group > Delete) take item 0's. Triggers and list methods
 * have no such option and wait DEFAULT_TIMEOUT_MS.
 */
export interface ForItem {
	/** Names the item in errors. */
	itemIndex?: number;
	/** How long to wait for eformsign's answer, in ms; absent, zero or invalid: 60 seconds. */
	timeoutMs?: number;
}

interface EformsignRequest extends ForItem {
	method: IHttpRequestMethods;
	/** Path below the API host, e.g. `/v2.0/api/documents/…`; IDs in it are checked by api/ids.ts. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** The two external endpoints authenticate with the API key instead of a token (docs/api/eformsign-api-notes.md, "Authentication"). */
	auth?: 'token' | 'apiKey';
	/**
	 * Reads may be sent again after a 5xx or a dropped connection. Writes (create, cancel, delete…)
	 * never are once they may have reached eformsign: a duplicate contract is worse than an error.
	 * Defaults to true for GET only.
	 */
	retryable?: boolean;
	/** What the caller can take; JSON unless it downloads a file. */
	accept?: string;
}

interface RawResponse {
	statusCode: number;
	headers: Record<string, string>;
	body: Buffer | Readable;
	/** Set whenever the body was read into memory (JSON calls, and every non-file answer). */
	parsed?: ParsedBody;
}

function retryDelay(attempt: number, retryAfterHeader?: string): number {
	const seconds = Number(retryAfterHeader);
	if (retryAfterHeader !== undefined && Number.isFinite(seconds) && seconds >= 0) {
		return Math.min(seconds * 1000, RETRY_AFTER_MAX_MS);
	}
	return Math.min(BACKOFF_BASE_MS * 2 ** (attempt - 1), BACKOFF_MAX_MS);
}

function networkCodeOf(error: unknown): string | undefined {
	for (const cause of causesOf(error)) {
		const code = (cause as { code?: unknown }).code;
		if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
	}
	return undefined;
}

function secondsInWords(ms: number): string {
	const seconds = Math.max(1, Math.round(ms / 1000));
	return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

function networkFailure(error: unknown, retryable: boolean, timeoutMs: number): EformsignFailure {
	const code = networkCodeOf(error);
	const timedOut =
		code === 'ECONNABORTED' ||
		code === 'ETIMEDOUT' ||
		causesOf(error).some((cause) => /timeout/i.test(String((cause as Error).message ?? '')));
	const what = timedOut
		? `eformsign did not answer within ${secondsInWords(timeoutMs)}`
		: `The connection to eformsign failed (${code ?? 'no answer'})`;
	if (code === 'ECONNREFUSED') {
		return {
			message: what,
			hint: 'Nothing reached eformsign: the connection was refused, also when tried again. Check the network between n8n and eformsign, and the Token Host in the credential.',
		};
	}
	return {
		message: what,
		hint: retryable
			? 'The request was retried and kept failing. Try again later, or raise "Timeout" in the node options.'
			: 'The request may or may not have been carried out by eformsign. Check in eformsign before running it again, so nothing is done twice.',
	};
}

/**
 * What a failure that is not worth another attempt says: the token could not be issued (in plain
 * words from the token endpoints), or n8n renewed and the new token still does not fit.
 */
function tokenFailureOf(error: unknown): EformsignFailure | undefined {
	const chain = causesOf(error);
	const authError = chain.find((cause) => cause instanceof EformsignAuthError) as EformsignAuthError | undefined;
	if (authError) return authError.failure;
	return chain.some((cause) => cause instanceof SessionExpired) ? NO_NEW_TOKEN : undefined;
}

/**
 * Sends one eformsign request and returns the raw answer after token recovery and read retries.
 * Everything that leaves this function as an error is a NodeApiError without secrets.
 */
async function send(
	this: EformsignContext,
	request: EformsignRequest,
	encoding: 'arraybuffer' | 'stream',
): Promise<RawResponse> {
	const retryable = request.retryable ?? request.method === 'GET';
	const timeoutMs = timeoutOf(request);
	const stopped = cancelSignalOf(this);
	const token = new TokenRecovery();
	const fail = (failure: EformsignFailure) => toNodeApiError(this.getNode(), failure, request.itemIndex);
	for (let attempt = 1; ; attempt++) {
		// Nothing is on its way here: a write is only sent again when eformsign did nothing with it.
		if (stopped?.aborted) throw fail(stoppedFailure(true));
		const options = requestOptions(request, encoding, timeoutMs, stopped, token.headers());
		let response: RawResponse;
		try {
			response = await (request.auth === 'apiKey' ? sendWithApiKey : sendWithToken).call(this, options);
		} catch (error) {
			// The refresh token was already used: once another process's saved session is awaited, again.
			if (await token.resendAfterFailure(error, async () => await storedCredentials.call(this))) continue;
			if (stopped?.aborted) throw fail(stoppedFailure(retryable));
			const tokenFailure = tokenFailureOf(error);
			if (tokenFailure) throw fail(tokenFailure);
			const code = networkCodeOf(error);
			// A refused connection never reached eformsign, so even a write may be sent again.
			if ((retryable || code === 'ECONNREFUSED') && code !== 'ERR_CANCELED' && attempt < READ_ATTEMPTS) {
				await pauseUnlessStopped(retryDelay(attempt), stopped);
				continue;
			}
			throw fail(networkFailure(error, retryable, timeoutMs));
		}
		await readUnlessFile(response);
		// A refused token means eformsign did nothing, so even a write is safe to send once more.
		const code = response.parsed?.kind === 'json' ? eformsignErrorFields(response.parsed.value).code : undefined;
		if (token.resendAfter(response.statusCode, code, tokenSentWith(request, options))) continue;
		const transient = response.statusCode >= 500 || response.statusCode === 429;
		if (transient && retryable && attempt < READ_ATTEMPTS) {
			await pauseUnlessStopped(retryDelay(attempt, response.headers['retry-after']), stopped);
			continue;
		}
		return response;
	}
}

function timeoutOf(request: ForItem): number {
	const timeoutMs = request.timeoutMs;
	return timeoutMs !== undefined && Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : DEFAULT_TIMEOUT_MS;
}

function requestOptions(
	request: EformsignRequest,
	encoding: 'arraybuffer' | 'stream',
	timeoutMs: number,
	abortSignal: AbortSignal | undefined,
	tokenHeaders: IDataObject,
): IHttpRequestOptions {
	return {
		method: request.method,
		url: request.path,
		qs: request.qs,
		body: request.body,
		headers: { Accept: request.accept ?? 'application/json', ...tokenHeaders },
		encoding,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// eformsign's API never redirects; without redirect handling axios skips follow-redirects.
		disableFollowRedirect: true,
		timeout: timeoutMs,
		abortSignal,
	};
}

/** Reads the body into memory unless it is the file a download asked for, and parses it. */
async function readUnlessFile(response: RawResponse): Promise<void> {
	const contentType = String(response.headers['content-type'] ?? '');
	if (!Buffer.isBuffer(response.body) && (response.statusCode !== 200 || /json|text\/html/i.test(contentType))) {
		response.body = await readStream(response.body);
	}
	if (Buffer.isBuffer(response.body)) response.parsed = parseResponseBody(response.body, contentType);
}

/**
 * n8n stopped the execution (Stop button or execution timeout) before eformsign answered.
 * `harmless`: a read, or nothing was on its way; otherwise a write may have reached eformsign.
 */
function stoppedFailure(harmless: boolean): EformsignFailure {
	return {
		message: 'eformsign had not answered when the execution was stopped',
		hint: harmless
			? 'Nothing more is sent to eformsign for this item.'
			: 'The request may or may not have been carried out by eformsign. Check in eformsign before running it again, so nothing is done twice.',
	};
}

const NO_NEW_TOKEN: EformsignFailure = {
	message: 'eformsign refused the token, and no new one could be obtained',
	hint: 'Test the credential; if the test passes, run the workflow again',
};

/** The access token the credential put on a request (`applySession` sets it on these options). */
function tokenSentWith(request: EformsignRequest, options: IHttpRequestOptions): string | undefined {
	if (request.auth === 'apiKey') return undefined;
	const sent = String(options.headers?.Authorization ?? '');
	return sent.startsWith('Bearer ') ? sent.slice('Bearer '.length) : undefined;
}

/** n8n's token handling: preAuthentication when needed, `authenticate`, and a retry after its 401. */
async function sendWithToken(this: EformsignContext, options: IHttpRequestOptions): Promise<RawResponse> {
	return (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options)) as RawResponse;
}

/**
 * The two API-key endpoints need no token, so they skip n8n's token handling (which would issue
 * one first when none is stored, and fail on a disabled Member ID) and are signed here.
 */
async function sendWithApiKey(this: EformsignContext, options: IHttpRequestOptions): Promise<RawResponse> {
	const credentials = await storedCredentials.call(this);
	const helpers = this.helpers;
	const company = await learnCompany(async (tokenCall) => await helpers.httpRequest(tokenCall), credentials);
	return (await helpers.httpRequest(applyApiKey(credentials, company, options))) as RawResponse;
}

/** The credential as n8n holds it right now (n8n reads it from its database on every call). */
async function storedCredentials(this: EformsignContext) {
	return readCredentials(await this.getCredentials(CREDENTIAL_TYPE));
}

/** Turns any non-success answer into a failure, or returns undefined for success. */
export function failureOf(status: number, parsed: ParsedBody): EformsignFailure | undefined {
	if (parsed.kind === 'json') {
		const { code, message } = eformsignErrorFields(parsed.value);
		const failed = status >= 300 || (code !== undefined && code !== '-1' && code !== '200');
		if (!failed) return undefined;
		return {
			code,
			httpStatus: status,
			message: message || `eformsign answered HTTP ${status}`,
		};
	}
	const described: Record<ParsedBody['kind'], string> = {
		json: '',
		empty: 'an empty body',
		html: 'an HTML page instead of JSON (a proxy, firewall or maintenance page?)',
		malformed: 'JSON that cannot be read (cut short?)',
		text: 'text instead of JSON',
	};
	return {
		httpStatus: status,
		message: `eformsign answered HTTP ${status} with ${described[parsed.kind]}`,
		hint:
			status >= 500
				? 'eformsign or a proxy in between had a temporary fault. Try again later.'
				: 'The answer was not what the eformsign API sends. Check the Token Host in the credential.',
	};
}

function writeFailureHint(request: EformsignRequest, failure: EformsignFailure): EformsignFailure {
	const retryable = request.retryable ?? request.method === 'GET';
	if (retryable || (failure.httpStatus ?? 0) < 500) return failure;
	const codeHint = failure.hint ?? hintFor(failure.code);
	const warning = `eformsign failed while handling the request (HTTP ${failure.httpStatus}), so it may or may not have been carried out. Check in eformsign before running it again, so nothing is done twice.`;
	return { ...failure, hint: codeHint ? `${codeHint} ${warning}` : warning };
}

/** A JSON call. Returns eformsign's answer; throws NodeApiError with code, message and fix-it hint. */
export async function eformsignRequest(
	this: EformsignContext,
	request: EformsignRequest,
): Promise<IDataObject> {
	const response = await send.call(this, request, 'arraybuffer');
	const parsed = response.parsed ?? { kind: 'empty' };
	const failure = failureOf(response.statusCode, parsed);
	if (failure) throw toNodeApiError(this.getNode(), writeFailureHint(request, failure), request.itemIndex);
	return (parsed.kind === 'json' ? parsed.value : {}) as IDataObject;
}

export interface DownloadedFile {
	/** The body as it streams in; a Buffer only for a file that came as a JSON string (`jsonStringIsFile`). */
	stream: Readable | Buffer;
	fileName?: string;
	mimeType: string;
	size?: number;
}

interface DownloadRequest extends EformsignRequest {
	/** How long to keep asking while eformsign answers 2020001 (the PDF is being generated). */
	maxWaitSeconds?: number;
	/**
	 * A 200 answer that is a JSON string is the file, as text (the template image may come as
	 * base64 in a JSON string: docs/api/eformsign-api-notes.md, "Template image"); its bytes are
	 * returned as they came, for the caller to decode.
	 */
	jsonStringIsFile?: boolean;
}

const PDF_PENDING_CODE = '2020001';

/**
 * What a download accepts: the PDF or ZIP it asks for. JSON stays acceptable, with the lowest
 * preference, because eformsign answers errors and "PDF still being generated" on the same URL.
 */
export const FILE_ACCEPT = 'application/pdf, application/zip, application/octet-stream, application/json;q=0.1';

/**
 * Downloads a file as a stream (never held in memory). eformsign answers errors, and "PDF still
 * being generated" (2020001, as HTTP 202 or 400), as JSON on the same URL.
 */
export async function eformsignDownload(
	this: EformsignContext,
	request: DownloadRequest,
): Promise<DownloadedFile> {
	const deadline = Date.now() + Math.max(0, request.maxWaitSeconds ?? 0) * 1000;
	for (let poll = 1; ; poll++) {
		const response = await send.call(
			this,
			{ ...request, retryable: true, accept: request.accept ?? FILE_ACCEPT },
			'stream',
		);
		const contentType = String(response.headers['content-type'] ?? '');
		const isFile = response.statusCode === 200 && !/json|text\/html/i.test(contentType);
		if (isFile && !Buffer.isBuffer(response.body)) {
			const length = Number(response.headers['content-length']);
			return {
				stream: response.body,
				fileName: fileNameFromDisposition(response.headers['content-disposition']),
				mimeType: contentType.split(';')[0].trim() || 'application/octet-stream',
				size: Number.isFinite(length) ? length : undefined,
			};
		}
		const parsed = response.parsed ?? { kind: 'empty' };
		if (
			request.jsonStringIsFile &&
			response.statusCode === 200 &&
			parsed.kind === 'json' &&
			typeof parsed.value === 'string' &&
			Buffer.isBuffer(response.body)
		) {
			return { stream: response.body, mimeType: 'application/json', size: response.body.length };
		}
		const failure = failureOf(response.statusCode, parsed) ?? {
			httpStatus: response.statusCode,
			message: 'eformsign answered without a file',
		};
		if (failure.code === PDF_PENDING_CODE) {
			const wait = Math.min(1000 * 2 ** (poll - 1), 10_000);
			if (Date.now() + wait <= deadline) {
				// The next send() ends the item if the execution was stopped during this pause.
				await pauseUnlessStopped(wait, cancelSignalOf(this));
				continue;
			}
			throw toNodeApiError(
				this.getNode(),
				{
					...failure,
					message: `${failure.message.replace(/\.$/, '')} (still not ready after waiting ${request.maxWaitSeconds ?? 0} s)`,
				},
				request.itemIndex,
			);
		}
		throw toNodeApiError(this.getNode(), failure, request.itemIndex);
	}
}

/** File name from Content-Disposition; RFC 5987 `filename*` first, raw UTF-8 names repaired. */
function fileNameFromDisposition(header: string | undefined): string | undefined {
	if (!header) return undefined;
	const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
	if (extended) {
		try {
			return decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ''));
		} catch {
			// fall through to the plain parameter
		}
	}
	const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
	if (!plain) return undefined;
	const value = (plain[2] ?? plain[1]).trim();
	// Node reads header bytes as latin1; a UTF-8 name (Korean, say) has to be decoded again.
	const bytes = Buffer.from(value, 'latin1');
	const utf8 = bytes.toString('utf8');
	return /[\u0080-\u00ff]/.test(value) && !utf8.includes('\ufffd') ? utf8 : value;
}
