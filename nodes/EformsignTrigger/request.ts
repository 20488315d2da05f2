import type { IDataObject } from 'n8n-workflow';

import type { Refusal } from './screening';

/**
 * Reading the body n8n hands the trigger. Before `webhook()` runs, n8n has already read the body
 * (n8n/dist/middlewares/body-parser.js `rawBodyReader`, `parseBody`): gzip and deflate are inflated,
 * and the bytes are kept in `rawBody`. A multipart/form-data body is different: n8n's form parser
 * (n8n/dist/webhooks/webhook-helpers.js `parseRequestBody`) consumes the stream, so there are no
 * bytes left to verify, and `readRawBody()` throws. Whatever cannot be read is refused here with an
 * answer the sender can act on, never thrown: a thrown error would make n8n answer 500 and record a
 * failed execution for a stranger's request.
 */

/** The part of n8n's request object (express Request plus n8n's additions) the trigger reads. */
export interface IncomingRequest {
	rawBody?: unknown;
	readRawBody?: () => Promise<void>;
	contentType?: string;
	headers?: IDataObject;
	rawHeaders?: string[];
}

export type BodyRead = { rawBody: Buffer | undefined } | { refusal: Refusal };

function mediaTypeOf(request: IncomingRequest): string {
	if (typeof request.contentType === 'string') return request.contentType.toLowerCase();
	const header = request.headers?.['content-type'];
	return typeof header === 'string' ? (header.split(';')[0]?.trim().toLowerCase() ?? '') : '';
}

function isTooLarge(error: unknown): boolean {
	const failure = error as { status?: unknown; type?: unknown };
	return failure?.status === 413 || failure?.type === 'entity.too.large';
}

export async function readBody(request: IncomingRequest): Promise<BodyRead> {
	if (Buffer.isBuffer(request.rawBody)) return { rawBody: request.rawBody };
	if (mediaTypeOf(request).startsWith('multipart/')) {
		return {
			refusal: {
				status: 400,
				reason:
					'the body is multipart/form-data, which n8n splits into fields before the trigger runs, so there are no bytes to verify; eformsign sends application/json',
			},
		};
	}
	if (typeof request.readRawBody !== 'function') return { rawBody: undefined };
	try {
		await request.readRawBody();
	} catch (error) {
		if (isTooLarge(error)) {
			return { refusal: { status: 413, reason: 'the body is larger than n8n reads' } };
		}
		return {
			refusal: { status: 400, reason: 'the body could not be read (aborted or not readable)' },
		};
	}
	return { rawBody: Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined };
}
