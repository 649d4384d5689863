#!/usr/bin/env node
// The baseline a user would write: glob every .md file, gray-matter's default call, one JSON.stringify.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';

function walk(dir, found) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, found);
    else if (entry.name.endsWith('.md')) found.push(full);
  }
  return found;
}

const files = walk(process.argv[2] ?? '.', []);
const records = files.map((file) => ({ path: file, ...matter(readFileSync(file, 'utf8')).data }));
process.stdout.write(JSON.stringify(records));
