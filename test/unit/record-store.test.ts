import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from '../../src/io/checksum.js';
import { FileRecord } from '../../src/io/loaded.js';
import { describe, expect, it } from 'vitest';
import { RecordPacker, unpackJson } from '../../src/io/record-pack.js';
import { RecordStore } from '../../src/io/record-store.js';

const feedtoolTempDirs = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('feedtool-') && !name.startsWith('feedtool-bench') && !name.startsWith('feedtool-test')));

describe('RecordStore', () => {
  it('keeps records in memory below the spill threshold', () => {
    const store = new RecordStore({ spillAfter: 5 });
    const handles = ['{"a":1}', Buffer.from('{"b":"é"}')].map((json) => store.add(json));
    expect(store.spilled).toBe(false);
    expect(String(store.get(handles[0]!))).toBe('{"a":1}');
    expect(String(store.get(handles[1]!))).toBe('{"b":"é"}');
    store.close();
  });

  it('moves records to a temporary file past the threshold and reads each back exactly', () => {
    const before = feedtoolTempDirs();
    const store = new RecordStore({ spillAfter: 3 });
    const records = Array.from({ length: 12 }, (_, i) => (i % 2 ? Buffer.from(`{"n":${i},"t":"naïve ${'x'.repeat(i * 50)}"}`) : `{"n":${i},"t":"東京"}`));
    const handles = records.map((json) => store.add(json));
    expect(store.spilled).toBe(true);
    // The file has no name on disk once open, so nothing can be left behind.
    expect([...feedtoolTempDirs()].filter((name) => !before.has(name))).toEqual([]);
    // Read back out of order, as a sorted listing does.
    for (const index of [11, 0, 5, 3, 7, 1]) {
      expect(Buffer.from(store.get(handles[index]!)).toString('utf8')).toBe(String(records[index]));
    }
    store.close();
  });

  it('keeps records left in a file as references, before and after spilling, and measures every kind', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'feedtool-test-'));
    const file = path.join(dir, 'records');
    writeFileSync(file, 'xx{"f":1}{"f":"ü"}');
    const fd = openSync(file, 'r');
    try {
      const source = { fd, damaged: (): never => { throw new Error('damaged'); } };
      const store = new RecordStore({ spillAfter: 2 });
      const sum = (text: string): number => crc32(Buffer.from(text));
      const inputs = [new FileRecord(source, 2, 7, sum('{"f":1}')), '{"m":1}', Buffer.from('{"m":2}'), new FileRecord(source, 9, 10, sum('{"f":"ü"}')), '{"m":"é"}'];
      const handles = inputs.map((json) => store.add(json));
      expect(store.spilled).toBe(true);
      expect(handles.map((handle) => String(store.get(handle)))).toEqual(['{"f":1}', '{"m":1}', '{"m":2}', '{"f":"ü"}', '{"m":"é"}']);
      expect(handles.map((handle) => store.lengthOf(handle))).toEqual([7, 7, 7, 10, 10]);
      store.close();
      expect(() => new FileRecord(source, 3, 7, sum('{"f":1}')).bytes()).toThrow('damaged');
      // The right place, and braces at both ends, but not the bytes written there.
      expect(() => new FileRecord(source, 2, 7, sum('{"f":2}')).bytes()).toThrow('damaged');
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a copy of a record that is a view of a worker batch, not the batch', () => {
    const packer = new RecordPacker();
    const places = Array.from({ length: 3000 }, (_, i) => packer.add(`{"n":${i}}`));
    const batchBytes = packer.take();
    const batch = Buffer.from(batchBytes);
    const store = new RecordStore({ spillAfter: 10 });
    const handle = store.add(unpackJson(places[1]!, batchBytes));
    const kept = store.get(handle) as Buffer;
    expect(kept.toString()).toBe('{"n":1}');
    expect(kept.buffer).not.toBe(batchBytes);
    batch.fill(0);
    expect(store.get(handle).toString()).toBe('{"n":1}');
    // Other buffers (the cache file's bytes) are kept as they are.
    const cacheBytes = Buffer.from('{"c":3}{"d":4}');
    const view = cacheBytes.subarray(7);
    expect(store.get(store.add(view))).toBe(view);
    // A record larger than a quarter chunk gets a buffer of its own.
    const largeText = JSON.stringify('a'.repeat(2 * 1024 * 1024));
    const largePlace = packer.add(largeText);
    const largeBatch = packer.take();
    const largeHandle = store.add(unpackJson(largePlace, largeBatch));
    const largeKept = store.get(largeHandle) as Buffer;
    expect(largeKept.toString()).toBe(largeText);
    expect(largeKept.buffer).not.toBe(largeBatch);
    expect(String(store.get(handle))).toBe('{"n":1}');
    store.close();
  });
});

describe('RecordStore for a caller that keeps every record', () => {
  it('keeps batch views as they are (the batch stays alive anyway)', () => {
    const packer = new RecordPacker();
    const place = packer.add('{"n":1}');
    const bytes = packer.take();
    const view = unpackJson(place, bytes);
    const store = new RecordStore({ keepsEveryRecord: true });
    expect(store.get(store.add(view))).toBe(view);
    store.close();
  });
});

describe('RecordPacker', () => {
  it('packs records back to back and gives each its exact place', () => {
    const packer = new RecordPacker();
    const texts = ['{"a":1}', '{"t":"café ’ \u4e2d"}', '{}', '{"e":"\u202e"}'];
    const places = texts.map((text) => packer.add(text));
    const bytes = packer.take();
    const back = places.map((place) => unpackJson(place, bytes).toString('utf8'));
    expect(back.slice(0, 3)).toEqual(texts.slice(0, 3));
    // Invisible controls are escaped on the way, and the JSON still means the same.
    expect(back[3]).toBe('{"e":"\\u202e"}');
    expect(JSON.parse(back[3]!)).toEqual(JSON.parse(texts[3]!));
  });

  it('lets its scratch buffer shrink back after a huge record', () => {
    const packer = new RecordPacker();
    const start = packer.capacity;
    const huge = JSON.stringify('x'.repeat(10 * 1024 * 1024));
    const place = packer.add(huge);
    expect(packer.capacity).toBeGreaterThan(start);
    expect(unpackJson(place, packer.take()).length).toBe(Buffer.byteLength(huge));
    expect(packer.capacity).toBe(start);
    // And it still packs normally afterwards.
    const next = packer.add('{"n":2}');
    expect(unpackJson(next, packer.take()).toString()).toBe('{"n":2}');
  });
});
