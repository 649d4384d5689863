import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { RecordStore } from '../../src/io/record-store.js';

const feedtoolTempDirs = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('feedtool-') && !name.startsWith('feedtool-bench') && !name.startsWith('feedtool-test')));

describe('RecordStore', () => {
  it('keeps records in memory below the spill threshold', () => {
    const store = new RecordStore(5);
    const handles = ['{"a":1}', Buffer.from('{"b":"é"}')].map((json) => store.add(json));
    expect(store.spilled).toBe(false);
    expect(String(store.get(handles[0]!))).toBe('{"a":1}');
    expect(String(store.get(handles[1]!))).toBe('{"b":"é"}');
    store.close();
  });

  it('moves records to a temporary file past the threshold and reads each back exactly', () => {
    const before = feedtoolTempDirs();
    const store = new RecordStore(3);
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

  it('keeps a copy of a record that is a view of a larger buffer, not the buffer', () => {
    const batch = Buffer.from('{"a":1}{"b":2}{"c":3}'.repeat(1000));
    const store = new RecordStore(10);
    const handle = store.add(batch.subarray(7, 14));
    const kept = store.get(handle) as Buffer;
    expect(kept.toString()).toBe('{"b":2}');
    expect(kept.buffer).not.toBe(batch.buffer);
    batch.fill(0);
    expect(store.get(handle).toString()).toBe('{"b":2}');
    // A record larger than a quarter chunk gets a buffer of its own.
    const large = Buffer.alloc(2 * 1024 * 1024, 0x61);
    const largeHandle = store.add(large);
    expect((store.get(largeHandle) as Buffer).equals(large)).toBe(true);
    expect(String(store.get(handle))).toBe('{"b":2}');
    store.close();
  });
});
