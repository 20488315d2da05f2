/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// A minimal "stored" (uncompressed) ZIP writer. Entries are streamed with a data descriptor, so
// the CRC is computed on the fly and big PDFs inside a zip are never buffered. No ZIP64: entries
// and archives must stay below 4 GiB, which is far beyond anything a test downloads.

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
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;

function dosDateTime(date: Date): { time: number; day: number } {
	const year = Math.max(date.getUTCFullYear(), 1980);
	return {
		time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
		day: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
	};
}

function localHeader(name: Buffer, stamp: { time: number; day: number }): Buffer {
	const header = Buffer.alloc(30);
	header.writeUInt32LE(LOCAL_HEADER, 0);
	header.writeUInt16LE(20, 4);
	header.writeUInt16LE(FLAG_DATA_DESCRIPTOR | FLAG_UTF8, 6);
	header.writeUInt16LE(0, 8);
	header.writeUInt16LE(stamp.time, 10);
	header.writeUInt16LE(stamp.day, 12);
	// CRC and sizes follow in the data descriptor.
	header.writeUInt16LE(name.length, 26);
	header.writeUInt16LE(0, 28);
	return Buffer.concat([header, name]);
}

function dataDescriptor(crc: number, size: number): Buffer {
	const descriptor = Buffer.alloc(16);
	descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
	descriptor.writeUInt32LE(crc >>> 0, 4);
	descriptor.writeUInt32LE(size, 8);
	descriptor.writeUInt32LE(size, 12);
	return descriptor;
}

function centralHeader(
	name: Buffer,
	stamp: { time: number; day: number },
	crc: number,
	size: number,
	offset: number,
): Buffer {
	const header = Buffer.alloc(46);
	header.writeUInt32LE(CENTRAL_HEADER, 0);
	header.writeUInt16LE(20, 4);
	header.writeUInt16LE(20, 6);
	header.writeUInt16LE(FLAG_DATA_DESCRIPTOR | FLAG_UTF8, 8);
	header.writeUInt16LE(0, 10);
	header.writeUInt16LE(stamp.time, 12);
	header.writeUInt16LE(stamp.day, 14);
	header.writeUInt32LE(crc >>> 0, 16);
	header.writeUInt32LE(size, 20);
	header.writeUInt32LE(size, 24);
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
export function zipLength(entries: ZipEntry[]): number {
	return entries.reduce((total, entry) => {
		const name = Buffer.byteLength(entry.name, 'utf8');
		return total + 30 + name + entry.size + 16 + 46 + name;
	}, 22);
}

export function zipStream(entries: ZipEntry[], modified: Date = new Date()): Readable {
	const stamp = dosDateTime(modified);
	async function* generate(): AsyncGenerator<Buffer> {
		const central: Buffer[] = [];
		let offset = 0;
		for (const entry of entries) {
			const name = Buffer.from(entry.name, 'utf8');
			const header = localHeader(name, stamp);
			yield header;
			let crc = 0;
			let size = 0;
			for await (const chunk of entry.stream()) {
				const buffer = chunk as Buffer;
				crc = crc32(buffer, crc);
				size += buffer.length;
				yield buffer;
			}
			if (size !== entry.size) throw new Error(`zip entry ${entry.name} was ${size} bytes, expected ${entry.size}`);
			yield dataDescriptor(crc, size);
			central.push(centralHeader(name, stamp, crc, size, offset));
			offset += header.length + size + 16;
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
