/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// A minimal "stored" (uncompressed) ZIP writer. Entries are streamed with a data descriptor, so
// the CRC is computed on the fly and big PDFs inside a zip are never buffered. No ZIP64: entries
// and archives must stay below 4 GiB, which is far beyond anything a test downloads.
// With a password, entries are encrypted with the traditional PKWARE ("ZipCrypto") scheme, which
// every unzip tool opens; eformsign does not say which scheme zip_password uses.

import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';

export interface ZipEntry {
	/** File name inside the archive (UTF-8, flagged as such). */
	name: string;
	size: number;
	stream(): Readable;
}

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
/** The encryption header ZipCrypto puts before each entry's data. */
const ENCRYPTION_HEADER = 12;

const CRC_TABLE = Array.from({ length: 256 }, (_, byte) => {
	let value = byte;
	for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
	return value >>> 0;
});

/** ZipCrypto's three keys, updated with every plain byte. */
class ZipCrypto {
	private keys = [0x12345678, 0x23456789, 0x34567890];

	constructor(password: string) {
		for (const byte of Buffer.from(password, 'utf8')) this.update(byte);
	}

	private update(byte: number): void {
		const [k0, k1, k2] = this.keys;
		const next0 = (CRC_TABLE[(k0 ^ byte) & 0xff] ^ (k0 >>> 8)) >>> 0;
		const next1 = (Math.imul((k1 + (next0 & 0xff)) >>> 0, 134775813) + 1) >>> 0;
		const next2 = (CRC_TABLE[(k2 ^ (next1 >>> 24)) & 0xff] ^ (k2 >>> 8)) >>> 0;
		this.keys = [next0, next1, next2];
	}

	encrypt(plain: Buffer): Buffer {
		const out = Buffer.alloc(plain.length);
		for (let index = 0; index < plain.length; index++) {
			const temp = (this.keys[2] | 2) & 0xffff;
			out[index] = plain[index] ^ ((Math.imul(temp, temp ^ 1) >>> 8) & 0xff);
			this.update(plain[index]);
		}
		return out;
	}
}

function dosDateTime(date: Date): { time: number; day: number } {
	const year = Math.max(date.getUTCFullYear(), 1980);
	return {
		time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
		day: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
	};
}

function flags(encrypted: boolean): number {
	return FLAG_DATA_DESCRIPTOR | FLAG_UTF8 | (encrypted ? FLAG_ENCRYPTED : 0);
}

function localHeader(name: Buffer, stamp: { time: number; day: number }, encrypted: boolean): Buffer {
	const header = Buffer.alloc(30);
	header.writeUInt32LE(LOCAL_HEADER, 0);
	header.writeUInt16LE(20, 4);
	header.writeUInt16LE(flags(encrypted), 6);
	header.writeUInt16LE(0, 8);
	header.writeUInt16LE(stamp.time, 10);
	header.writeUInt16LE(stamp.day, 12);
	// CRC and sizes follow in the data descriptor.
	header.writeUInt16LE(name.length, 26);
	header.writeUInt16LE(0, 28);
	return Buffer.concat([header, name]);
}

function dataDescriptor(crc: number, stored: number, size: number): Buffer {
	const descriptor = Buffer.alloc(16);
	descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
	descriptor.writeUInt32LE(crc >>> 0, 4);
	descriptor.writeUInt32LE(stored, 8);
	descriptor.writeUInt32LE(size, 12);
	return descriptor;
}

function centralHeader(
	name: Buffer,
	stamp: { time: number; day: number },
	crc: number,
	sizes: { stored: number; size: number; encrypted: boolean },
	offset: number,
): Buffer {
	const header = Buffer.alloc(46);
	header.writeUInt32LE(CENTRAL_HEADER, 0);
	header.writeUInt16LE(20, 4);
	header.writeUInt16LE(20, 6);
	header.writeUInt16LE(flags(sizes.encrypted), 8);
	header.writeUInt16LE(0, 10);
	header.writeUInt16LE(stamp.time, 12);
	header.writeUInt16LE(stamp.day, 14);
	header.writeUInt32LE(crc >>> 0, 16);
	header.writeUInt32LE(sizes.stored, 20);
	header.writeUInt32LE(sizes.size, 24);
	header.writeUInt16LE(name.length, 28);
	header.writeUInt32LE(offset, 42);
	return Buffer.concat([header, name]);
}

function endOfCentral(count: number, size: number, offset: number): Buffer {
	const record = Buffer.alloc(22);
	record.writeUInt32LE(END_OF_CENTRAL, 0);
	record.writeUInt16LE(count, 8);
	record.writeUInt16LE(count, 10);
	record.writeUInt32LE(size, 12);
	record.writeUInt32LE(offset, 16);
	return record;
}

/** Exact archive length, known before streaming (for Content-Length). */
export function zipLength(entries: ZipEntry[], password = ''): number {
	const extra = password ? ENCRYPTION_HEADER : 0;
	return entries.reduce((total, entry) => {
		const name = Buffer.byteLength(entry.name, 'utf8');
		return total + 30 + name + extra + entry.size + 16 + 46 + name;
	}, 22);
}

/** The archive as a stream; with a password every entry is ZipCrypto-encrypted. */
export function zipStream(entries: ZipEntry[], modified: Date = new Date(), password = ''): Readable {
	const stamp = dosDateTime(modified);
	const encrypted = password !== '';
	async function* generate(): AsyncGenerator<Buffer> {
		const central: Buffer[] = [];
		let offset = 0;
		for (const entry of entries) {
			const name = Buffer.from(entry.name, 'utf8');
			const header = localHeader(name, stamp, encrypted);
			yield header;
			const cipher = encrypted ? new ZipCrypto(password) : undefined;
			if (cipher) {
				// With a data descriptor the CRC is not known yet, so the check byte is the time's high byte, as unzip tools expect.
				const preamble = randomBytes(ENCRYPTION_HEADER);
				preamble[ENCRYPTION_HEADER - 1] = (stamp.time >>> 8) & 0xff;
				yield cipher.encrypt(preamble);
			}
			let crc = 0;
			let size = 0;
			for await (const chunk of entry.stream()) {
				const buffer = chunk as Buffer;
				crc = crc32(buffer, crc);
				size += buffer.length;
				yield cipher ? cipher.encrypt(buffer) : buffer;
			}
			if (size !== entry.size) throw new Error(`zip entry ${entry.name} was ${size} bytes, expected ${entry.size}`);
			const stored = size + (cipher ? ENCRYPTION_HEADER : 0);
			yield dataDescriptor(crc, stored, size);
			central.push(centralHeader(name, stamp, crc, { stored, size, encrypted }, offset));
			offset += header.length + stored + 16;
		}
		const directory = Buffer.concat(central);
		yield directory;
		yield endOfCentral(entries.length, directory.length, offset);
	}
	return Readable.from(generate(), { objectMode: false });
}

export function bufferEntry(name: string, content: Buffer): ZipEntry {
	return { name, size: content.length, stream: () => Readable.from([content], { objectMode: false }) };
}
