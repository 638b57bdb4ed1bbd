// The edges of issue 30, point 7: the role before the fields, a stalled body cut off, a public restore that does not
// say which paths exist, file system refusals in Chinese, photos rebuilt from their pixels, a file name only a label.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { test } from 'node:test';

import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

import { newSession } from '../../main/core/dispatch';
import { createDesk } from '../../main/desk';
import { handlers } from '../../main/handlers';
import { startWebHost } from '../../main/webhost/server';
import { Clock, must, refused, tempDir, world } from './helpers';
import { paymentsWorld } from './paymentsSetup';

test('the role is checked before the input: a signed-out or unentitled caller learns nothing of the fields', async () => {
  const w = await world();
  await w.admin();
  const clerk = await w.staff('li', ['clerk']);
  const out = await w.dispatcher.dispatch(newSession(), 'households.create', { members: 'x' });
  assert.deepEqual(out, { ok: false, error: { code: 'FORBIDDEN', message: '请先登录' } });
  const e = refused(await w.dispatcher.dispatch(clerk, 'staff.create', { username: 1 }));
  assert.equal(e.code, 'FORBIDDEN');
  assert.equal(e.field, undefined);
});

test('a request body that stalls is cut off with 408, and the connection closed', async () => {
  const w = await world();
  const host = await startWebHost({ dispatcher: w.dispatcher, bodyIdleMs: 300 });
  try {
    const started = performance.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(host.port, '127.0.0.1', () =>
        socket.write(
          `POST /api/session.state HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nContent-Type: application/json\r\n` +
            `X-Bianmin-Token: ${host.token}\r\nContent-Length: 1000\r\n\r\n{"a":`,
        ),
      );
      let text = '';
      socket.on('data', (d) => (text += d));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
      setTimeout(() => reject(new Error(`no answer: ${text}`)), 5000);
    });
    assert.match(answer, /^HTTP\/1\.1 408/);
    assert.match(answer, /请求内容长时间未送达/);
    assert.ok(performance.now() - started < 3000);
  } finally {
    await host.close();
  }
});

test('before any ledger exists, the public restore says the same of a missing path and of a file without keys', async () => {
  const dir = tempDir();
  const desk = createDesk(path.join(dir, 'ledger.sqlite'), { clock: new Clock().now, handlers });
  const lone = path.join(dir, 'lone.sqlite');
  fs.writeFileSync(lone, 'not a backup');
  const answers = await Promise.all(
    [path.join(dir, 'missing.sqlite'), lone, '/etc/x.sqlite', '/nonexistent/dir/x.sqlite'].map(async (file) =>
      refused(await desk.dispatch(newSession(), 'setup.restore', { file, username: 'admin', password: 'x' })),
    ),
  );
  assert.equal(new Set(answers.map((a) => a.message)).size, 1, answers.map((a) => a.message).join(' | '));
  assert.ok(!answers[0].message.includes('missing'), 'the path is not repeated back');
});

test('a file system refusal reaches the clerk in Chinese, without the raw error or its path', async () => {
  const w = await world();
  const admin = await w.admin();
  // The backups folder replaced by a file: the next backup cannot make its folder.
  fs.rmSync(w.ledger.backupsDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(w.ledger.backupsDir), { recursive: true });
  fs.writeFileSync(w.ledger.backupsDir, 'a file where a folder should be');
  const e = refused(await w.call(admin, 'backup.create', {}));
  assert.match(e.message, /所选的位置不是文件夹|已有同名的文件/);
  assert.ok(!/E[A-Z]{3,}|\/tmp|mkdir|open/.test(e.message), e.message);
});

/** A small JPEG with an HTML page in a comment segment and after its end: a polyglot a browser may sniff as HTML. */
function polyglot(): Buffer {
  const w = 32;
  const data = Buffer.alloc(w * w * 4, 200);
  const image = Buffer.from(jpeg.encode({ width: w, height: w, data }, 90).data);
  const html = Buffer.from('<html><script>alert(document.cookie)</script></html>');
  const comment = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0, html.length + 2]), html]);
  return Buffer.concat([image.subarray(0, 2), comment, image.subarray(2), html]);
}

test('a wish photo is rebuilt from its pixels: a JPEG/HTML polyglot comes out a plain JPEG; a PNG likewise', async () => {
  const pw = await paymentsWorld();
  const { w, clerk, reviewer } = pw;
  const helper = must(await w.call(clerk, 'cadres.save', { name: '王志愿', kind: 'volunteer', unit: '县供电公司' }));
  /** A wish taken, accepted and claimed, then fulfilled with this photo. */
  const wish = async (base64: string) => {
    const a = must(
      await w.call(clerk, 'wishes.create', {
        resident: '张秀英',
        phone: '13912345678',
        areaId: pw.areaId,
        content: '希望有人帮忙修一下漏雨的屋顶',
        category: '扶贫帮困',
        channel: 'counter',
        collectedOn: '2026-11-20',
      }),
    );
    const decision = {
      decision: 'accept' as const,
      id: a.id,
      decidedOn: '2026-11-21',
      standard: '修好',
      dueOn: '2026-11-30',
    };
    must(await w.call(reviewer, 'wishes.decide', decision));
    must(await w.call(clerk, 'wishes.claim', { id: a.id, cadreIds: [helper.id], claimedOn: '2026-11-22' }));
    const fulfil = { id: a.id, fulfilledOn: '2026-11-23', fulfilment: '更换了瓦片' };
    return w.call(clerk, 'wishes.fulfil', { ...fulfil, photo: { fileName: 'a.jpg', base64 } });
  };
  const made = must(await wish(polyglot().toString('base64')));
  const stored = w.ledger.db.prepare('SELECT mime, bytes FROM wish_photos WHERE wish_id = ?').get(made.id) as {
    mime: string;
    bytes: Buffer;
  };
  assert.equal(stored.mime, 'image/jpeg');
  assert.ok(!stored.bytes.toString('latin1').includes('<script'), 'no script in the stored photo');
  const back = jpeg.decode(stored.bytes, { useTArray: true });
  assert.deepEqual([back.width, back.height], [32, 32]);
  // A PNG with a text chunk: the chunk does not survive.
  const png = new PNG({ width: 8, height: 8 });
  png.data.fill(120);
  const plain = PNG.sync.write(png);
  const text = Buffer.from('tEXtComment\0<script>x</script>');
  const chunk = Buffer.concat([Buffer.alloc(4), text, Buffer.alloc(4)]);
  chunk.writeUInt32BE(text.length - 4, 0);
  const withText = Buffer.concat([plain.subarray(0, 33), chunk, plain.subarray(33)]);
  const madePng = must(await wish(withText.toString('base64')));
  const storedPng = w.ledger.db.prepare('SELECT bytes FROM wish_photos WHERE wish_id = ?').get(madePng.id) as {
    bytes: Buffer;
  };
  assert.ok(!storedPng.bytes.toString('latin1').includes('<script'));
  // A JPEG header on bytes that are not a picture is refused at the field.
  const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<html>not a photo</html>')]);
  const e = refused(await wish(fake.toString('base64')));
  assert.equal(e.field, 'photo');
  assert.match(e.message, /照片无法读取/);
});

test('an import file name is only a label: folders in it are dropped and no file is read from it', async () => {
  const w = await world();
  const admin = await w.admin();
  must(await w.call(admin, 'areas.save', { name: '东山村' }));
  // A real roster on disk under the very path the name gives; the upload's own bytes are something else.
  const dir = tempDir();
  const onDisk = path.join(dir, 'roster.csv');
  fs.writeFileSync(onDisk, '姓名,身份证号,与户主关系,村（社区）\r\n磁盘上,110101199003071234,户主,东山村\r\n');
  const upload = '姓名,身份证号,与户主关系,村（社区）\r\n上传的,11010119900307123X,户主,东山村\r\n';
  const p = await w.call(admin, 'imports.open', {
    job: randomUUID(),
    kind: 'households',
    fileName: onDisk,
    base64: Buffer.from(upload).toString('base64'),
  });
  const preview = must(p);
  assert.equal(preview.fileName, 'roster.csv');
  const rows = must(await w.call(admin, 'imports.rows', { job: preview.job, offset: 0, limit: 10 })).rows;
  assert.deepEqual(
    rows.map((r) => r.name),
    ['上传的'],
  );
  const audit = w.ledger.db.prepare(`SELECT after FROM audit_log WHERE entity = 'import' ORDER BY id DESC`).get() as {
    after: string;
  };
  assert.ok(!audit.after.includes(dir), 'the audit row keeps the label, not the path');
  const onlyFolders = refused(
    await w.call(admin, 'imports.open', { job: randomUUID(), kind: 'households', fileName: '../../', base64: '' }),
  );
  assert.equal(onlyFolders.field, 'fileName');
});
