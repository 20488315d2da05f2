/** What a file is, from its first bytes: to check an image before sending, and to say what was found. */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPng(bytes: Buffer): boolean {
	return bytes.length >= PNG_SIGNATURE.length && bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE);
}

const SIGNATURES: Array<{ kind: string; matches: (bytes: Buffer) => boolean }> = [
	{ kind: 'a PNG image', matches: isPng },
	{ kind: 'a JPEG image', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
	{ kind: 'a GIF image', matches: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
	{
		kind: 'a WebP image',
		matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
	},
	{ kind: 'a BMP image', matches: (b) => b.subarray(0, 2).toString('latin1') === 'BM' },
	{
		kind: 'a TIFF image',
		matches: (b) => ['II*\0', 'MM\0*'].includes(b.subarray(0, 4).toString('latin1')),
	},
	{ kind: 'a PDF document', matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
	{ kind: 'a ZIP archive (or an Office document)', matches: (b) => b.subarray(0, 4).toString('latin1') === 'PK\x03\x04' },
];

/** Plain text: valid UTF-8 without control characters other than tabs and line breaks. */
function looksLikeText(bytes: Buffer): boolean {
	const sample = bytes.subarray(0, 4096).toString('utf8');
	// A character cut at the sample's end decodes to one replacement character; anything else is binary.
	const control = [...sample].some((char) => {
		const code = char.charCodeAt(0);
		return code < 0x20 && char !== '\t' && char !== '\n' && char !== '\r';
	});
	return !control && !sample.slice(0, -1).includes('\ufffd');
}

/** "a JPEG image", "an SVG image", "text", "an empty file", … */
export function describeContent(bytes: Buffer): string {
	if (bytes.length === 0) return 'an empty file';
	const known = SIGNATURES.find((signature) => signature.matches(bytes));
	if (known) return known.kind;
	if (!looksLikeText(bytes)) return 'binary data of an unknown type';
	const text = bytes.subarray(0, 4096).toString('utf8').trimStart();
	if (/^(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(text)) return 'an SVG image';
	if (/^data:image\//i.test(text)) return 'text: an image data URL, not the image itself';
	if (/^iVBORw0KGgo/.test(text)) return 'text: a PNG encoded as base64, not the image itself';
	return 'text';
}
