import { UploadReport } from '../../src/audit/report';
import { UploadSpool } from '../../src/audit/upload-spool';

const upload = (i: number, key = `key-${i}`): UploadReport => ({
  key,
  uploadId: `id-${i}`,
  initiated: '2026-11-20T00:00:00.000Z',
  ageSeconds: i,
  storageClass: 'STANDARD',
  parts: i % 3,
  bytes: i * 7,
  orphan: i % 2 === 0,
  initiator: { id: 'user-1', displayName: 'user-1' },
  owner: null,
  kept: i % 5 === 0 ? 'key under --exclude-prefix tmp/' : null,
});

describe('UploadSpool', () => {
  test('gives back each bucket\'s uploads, equal and in order, over many buffers', () => {
    // GIVEN
    const spool = new UploadSpool();
    const a = Array.from({ length: 3000 }, (_, i) => upload(i));
    const b = [upload(1, 'ключ с пробелом\nи "кавычками"'), upload(2, '日本/+%20')];
    // WHEN
    a.forEach((u, i) => {
      spool.add('a', u);
      if (i < b.length) spool.add('b', b[i]);
    });
    // THEN
    expect([...spool.uploads('a')]).toEqual(a);
    expect([...spool.uploads('b')]).toEqual(b);
    expect([...spool.uploads('unknown')]).toEqual([]);
  });

  test('can be read twice', () => {
    const spool = new UploadSpool();
    spool.add('a', upload(1));
    expect([...spool.uploads('a')]).toEqual([...spool.uploads('a')]);
  });
});
