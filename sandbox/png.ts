/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// PNG images for template previews and company stamps: a small encoder for the seeded images, and
// the check the stamp endpoints apply to uploaded ones (docs/api/eformsign-api-notes.md, "Company stamps"):
// not a PNG at all → 4000231, a PNG the server cannot process → 4000229 (which defect gives which
// code is INFERRED).

import { crc32, deflateSync, inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData) >>> 0);
	return Buffer.concat([length, typeAndData, crc]);
}

/** An RGB PNG of one colour with a darker frame: enough to tell seeded images apart. */
export function pngImage(width: number, height: number, rgb: [number, number, number]): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // colour type: RGB
	const row = 1 + width * 3;
	const raw = Buffer.alloc(row * height);
	for (let y = 0; y < height; y++) {
		raw[y * row] = 0; // filter: none
		for (let x = 0; x < width; x++) {
			const frame = x < 2 || y < 2 || x >= width - 2 || y >= height - 2;
			const offset = y * row + 1 + x * 3;
			for (let channel = 0; channel < 3; channel++) {
				raw[offset + channel] = frame ? Math.floor(rgb[channel] / 2) : rgb[channel];
			}
		}
	}
	return Buffer.concat([
		SIGNATURE,
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

export function hasPngSignature(bytes: Buffer): boolean {
	return bytes.length >= SIGNATURE.length && bytes.subarray(0, SIGNATURE.length).equals(SIGNATURE);
}

/**
 * 'png' for a PNG the server can read; 'damaged' when it starts like a PNG but its chunks are cut,
 * fail their CRC, lack IHDR/IDAT/IEND, or its image data does not inflate; 'not-png' otherwise.
 */
export function inspectPng(bytes: Buffer): 'png' | 'damaged' | 'not-png' {
	if (!hasPngSignature(bytes)) return 'not-png';
	let offset = SIGNATURE.length;
	const types: string[] = [];
	const imageData: Buffer[] = [];
	while (offset + 12 <= bytes.length) {
		const length = bytes.readUInt32BE(offset);
		const end = offset + 12 + length;
		if (end > bytes.length) return 'damaged';
		const typeAndData = bytes.subarray(offset + 4, offset + 8 + length);
		if ((crc32(typeAndData) >>> 0) !== bytes.readUInt32BE(offset + 8 + length)) return 'damaged';
		const type = typeAndData.subarray(0, 4).toString('latin1');
		types.push(type);
		if (type === 'IDAT') imageData.push(typeAndData.subarray(4));
		offset = end;
		if (type === 'IEND') break;
	}
	if (types[0] !== 'IHDR' || types[types.length - 1] !== 'IEND' || imageData.length === 0) return 'damaged';
	try {
		inflateSync(Buffer.concat(imageData));
	} catch {
		return 'damaged';
	}
	return 'png';
}
