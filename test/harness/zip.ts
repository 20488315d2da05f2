/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// Reads the stored (uncompressed) zip files eformsign's multi-download answers, the way any unzip
// tool does: through the central directory, checking every CRC, and opening password-protected
// entries with the traditional PKWARE ("ZipCrypto") scheme. Written apart from sandbox/zip.ts,
// so the two check each other.
import { crc32 } from 'node:zlib';

export interface ZipFileEntry {
	name: string;
	content: Buffer;
	encrypted: boolean;
}

const TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function decrypt(data: Buffer, password: string): Buffer {
	let k0 = 0x12345678;
	let k1 = 0x23456789;
	let k2 = 0x34567890;
	const update = (byte: number) => {
		k0 = (TABLE[(k0 ^ byte) & 0xff] ^ (k0 >>> 8)) >>> 0;
		k1 = (Math.imul((k1 + (k0 & 0xff)) >>> 0, 134775813) + 1) >>> 0;
		k2 = (TABLE[(k2 ^ (k1 >>> 24)) & 0xff] ^ (k2 >>> 8)) >>> 0;
	};
	for (const byte of Buffer.from(password, 'utf8')) update(byte);
	const plain = Buffer.alloc(data.length);
	for (let i = 0; i < data.length; i++) {
		const t = (k2 | 2) & 0xffff;
		plain[i] = data[i] ^ ((Math.imul(t, t ^ 1) >>> 8) & 0xff);
		update(plain[i]);
	}
	return plain.subarray(12);
}

/** Every entry of the archive, in directory order; throws on a bad structure or CRC. */
export function readZip(bytes: Buffer, password?: string): ZipFileEntry[] {
	const end = bytes.length - 22;
	if (bytes.readUInt32LE(end) !== 0x06054b50) throw new Error('no end-of-central-directory record');
	const count = bytes.readUInt16LE(end + 10);
	let position = bytes.readUInt32LE(end + 16);
	const entries: ZipFileEntry[] = [];
	for (let index = 0; index < count; index++) {
		if (bytes.readUInt32LE(position) !== 0x02014b50) throw new Error(`bad central header ${index}`);
		const flags = bytes.readUInt16LE(position + 8);
		const crc = bytes.readUInt32LE(position + 16);
		const stored = bytes.readUInt32LE(position + 20);
		const nameLength = bytes.readUInt16LE(position + 28);
		const extraLength = bytes.readUInt16LE(position + 30);
		const commentLength = bytes.readUInt16LE(position + 32);
		const localOffset = bytes.readUInt32LE(position + 42);
		const name = bytes.subarray(position + 46, position + 46 + nameLength).toString('utf8');
		const dataStart = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
		const raw = bytes.subarray(dataStart, dataStart + stored);
		const encrypted = (flags & 1) === 1;
		if (encrypted && password === undefined) throw new Error(`${name} is encrypted and no password was given`);
		const content = encrypted ? decrypt(raw, password ?? '') : raw;
		if (crc32(content) >>> 0 !== crc) throw new Error(`${name}: CRC mismatch (wrong password?)`);
		entries.push({ name, content, encrypted });
		position += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}
