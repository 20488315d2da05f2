
import type { IExecuteFunctions } from 'n8n-workflow';

/** The stream type n8n's binary helpers take (node:stream may not be imported by community nodes). */
export type Readable = Exclude<Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0], Buffer>;

/** What an eformsign answer turned out to be once read. */
export type ParsedBody =
	| { kind: 'json'; value: unknown }
	| { kind: 'empty' }
	| { kind: 'html' }
	| { kind: 'malformed' }
	| { kind: 'text' };

/** Error bodies are small; anything bigger than this that claims to be an error is cut off. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export function parseResponseBody(body: Buffer, contentType: string): ParsedBody {
	const text = body.toString('utf8').trim();
	if (text.length === 0) return { kind: 'empty' };
	if (/html/i.test(contentType) || /^<(!doctype|html|head|body)/i.test(text)) return { kind: 'html' };
	if (/json/i.test(contentType) || text.startsWith('{') || text.startsWith('[')) {
		try {
			return { kind: 'json', value: JSON.parse(text) };
		} catch {
			return { kind: 'malformed' };
		}
	}
	return { kind: 'text' };
}

export async function readStream(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
		size += buffer.length;
		if (size > MAX_BUFFERED_BYTES) {
			stream.destroy();
			break;
		}
		chunks.push(buffer);
	}
	return Buffer.concat(chunks);
}
