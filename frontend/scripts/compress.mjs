// Writes .gz and .br beside each built asset, so whitenoise (make run) and nginx
// (gzip_static) can send them as they are instead of compressing per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = new URL('../dist/', import.meta.url).pathname;
const compressible = /\.(js|css|html|svg|json|txt|map)$/;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (compressible.test(name) && statSync(path).size >= 1024) compress(path);
  }
}

function compress(path) {
  const data = readFileSync(path);
  const gz = gzipSync(data, { level: 9 });
  const br = brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  // Only keep a variant that is worth it.
  if (gz.length < data.length * 0.9) writeFileSync(`${path}.gz`, gz);
  if (br.length < data.length * 0.9) writeFileSync(`${path}.br`, br);
}

walk(root);
