/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// Tiny but valid PDF files (one page of Helvetica text, the title in the Info dictionary).
// A document can be made any size for download benchmarks: the extra bytes are PDF comment
// lines generated on the fly, so a 100 MB file is never held in memory.

import { Readable } from 'node:stream';

const HEADER = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1');

export interface PdfFile {
	length: number;
	stream(): Readable;
}

/** PDF literal string: ASCII only (Helvetica has no Hangul), with ( ) \ escaped. */
function pdfText(text: string): string {
	const ascii = text.replace(/[^\x20-\x7e]/g, '?');
	return '(' + ascii.replace(/[\\()]/g, (character) => '\\' + character) + ')';
}

/** Info dictionary strings may be Unicode: UTF-16BE with a byte-order mark, hex-encoded. */
function pdfUnicodeHex(text: string): string {
	const utf16 = Buffer.from('\ufeff' + text, 'utf16le').swap16();
	return '<' + utf16.toString('hex').toUpperCase() + '>';
}

function buildBody(title: string, lines: string[]): { objects: Buffer; offsets: number[] } {
	const content = ['BT', '/F1 11 Tf', '14 TL', '50 790 Td', `${pdfText(title)} Tj`]
		.concat(lines.slice(0, 50).map((line) => `T* ${pdfText(line)} Tj`))
		.concat(['ET'])
		.join('\n');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
		`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
		`<< /Title ${pdfUnicodeHex(title)} /Producer (eformsign sandbox) >>`,
	];
	const parts: Buffer[] = [];
	const offsets: number[] = [];
	let position = 0;
	objects.forEach((object, index) => {
		const part = Buffer.from(`${index + 1} 0 obj\n${object}\nendobj\n`, 'latin1');
		offsets.push(position);
		parts.push(part);
		position += part.length;
	});
	return { objects: Buffer.concat(parts), offsets };
}

function buildTrailer(offsets: number[], shift: number, xrefPosition: number): Buffer {
	const entries = offsets.map((offset) => `${String(offset + shift).padStart(10, '0')} 00000 n \n`).join('');
	// startxref is zero-padded so the file length does not depend on the padding size.
	return Buffer.from(
		`xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n${entries}` +
			`trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R /Info 6 0 R >>\n` +
			`startxref\n${String(xrefPosition).padStart(12, '0')}\n%%EOF\n`,
		'latin1',
	);
}

const PADDING_LINE = Buffer.from('%' + 'sandbox-padding-'.repeat(4).slice(0, 62) + '\n', 'latin1');
const PADDING_CHUNK = Buffer.concat(Array.from({ length: 1024 }, () => PADDING_LINE));

function* paddingChunks(bytes: number): Generator<Buffer> {
	let remaining = bytes;
	while (remaining >= PADDING_CHUNK.length) {
		yield PADDING_CHUNK;
		remaining -= PADDING_CHUNK.length;
	}
	if (remaining > 0) {
		const tail = Buffer.from(PADDING_CHUNK.subarray(0, remaining));
		// End the last comment line so the first object starts on a fresh line.
		tail[remaining - 1] = 0x0a;
		yield tail;
	}
}

/**
 * A one-page PDF. With `totalBytes` the file is exactly that long (if that is at least the
 * natural size), padded with comment lines between the header and the first object.
 */
export function buildPdf(title: string, lines: string[], totalBytes?: number): PdfFile {
	const { objects, offsets } = buildBody(title, lines);
	const naturalTrailer = buildTrailer(offsets, HEADER.length, HEADER.length + objects.length);
	const naturalLength = HEADER.length + objects.length + naturalTrailer.length;
	const padding = totalBytes !== undefined && totalBytes > naturalLength ? totalBytes - naturalLength : 0;
	const trailer = buildTrailer(offsets, HEADER.length + padding, HEADER.length + padding + objects.length);
	return {
		length: naturalLength + padding,
		stream: () =>
			Readable.from(
				(function* () {
					yield HEADER;
					yield* paddingChunks(padding);
					yield objects;
					yield trailer;
				})(),
				{ objectMode: false },
			),
	};
}
