// The county server's TLS certificates, made with node's crypto alone: a county office on Windows has no openssl,
// and a certificate is a few DER structures (RFC 5280) signed with ECDSA P-256. A small CA of the county's own signs
// the server's certificate; townships trust that CA alone (it travels in their enrolment file), so the server's
// certificate can be made again for another address without touching a township.
import crypto from 'node:crypto';
import net from 'node:net';

const tlv = (tag: number, body: Buffer): Buffer => {
  const n = body.length;
  const len = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 255]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
};
const seq = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts));
const explicit = (n: number, inner: Buffer) => tlv(0xa0 + n, inner);
const octets = (b: Buffer) => tlv(0x04, b);
const bits = (b: Buffer, unused = 0) => tlv(0x03, Buffer.concat([Buffer.from([unused]), b]));
const TRUE = Buffer.from([0x01, 0x01, 0xff]);

/** A positive INTEGER: a leading zero byte when the first bit is set, as DER reads it signed. */
const integer = (b: Buffer) => tlv(0x02, b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const n of rest) {
    const base128 = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) base128.unshift((v & 0x7f) | 0x80);
    out.push(...base128);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime through 2049, GeneralizedTime after (RFC 5280 4.1.2.5). */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
}

const name = (cn: string) => seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn, 'utf8')))));
const extension = (id: string, critical: boolean, value: Buffer) =>
  seq(oid(id), ...(critical ? [TRUE] : []), octets(value));
const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));

/** An IP address as the bytes of an iPAddress name: 4 for IPv4, 16 for IPv6. */
function ipBytes(ip: string): Buffer {
  if (net.isIPv4(ip)) return Buffer.from(ip.split('.').map(Number));
  const [head, tail = ''] = ip.split('::');
  const groups = (s: string) => (s ? s.split(':') : []);
  const h = groups(head);
  const t = groups(tail);
  const all = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return Buffer.concat(all.map((g) => Buffer.from(g.padStart(4, '0'), 'hex')));
}

/** subjectAltName: each address as an iPAddress, each host name as a dNSName. */
const altNames = (names: string[]) =>
  seq(...names.map((n) => (net.isIP(n) ? tlv(0x87, ipBytes(n)) : tlv(0x82, Buffer.from(n, 'ascii')))));

const keyId = (key: crypto.KeyObject) =>
  crypto
    .createHash('sha1')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest();

// Valid from a fixed day in the past for ever (RFC 5280's 99991231235959Z): a township PC whose clock is wrong by a
// year must not refuse its county, and the county's CA is replaced by enrolling again, not by expiry.
const NOT_BEFORE = new Date('2020-01-01T00:00:00Z');
const NOT_AFTER = new Date('9999-12-31T23:59:59Z');

interface Signed {
  cert: string;
  key: string;
}

function certificate(opts: {
  subject: string;
  issuer: string;
  publicKey: crypto.KeyObject;
  signer: crypto.KeyObject;
  issuerKey: crypto.KeyObject;
  extensions: Buffer[];
}): string {
  const serial = crypto.randomBytes(16);
  serial[0] &= 0x7f;
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(serial),
    ECDSA_SHA256,
    name(opts.issuer),
    seq(time(NOT_BEFORE), time(NOT_AFTER)),
    name(opts.subject),
    opts.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(
      3,
      seq(
        ...opts.extensions,
        extension('2.5.29.14', false, octets(keyId(opts.publicKey))),
        extension('2.5.29.35', false, seq(tlv(0x80, keyId(opts.issuerKey)))),
      ),
    ),
  );
  const der = seq(tbs, ECDSA_SHA256, bits(crypto.sign('sha256', tbs, opts.signer)));
  const lines = der.toString('base64').match(/.{1,64}/g)!;
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

const newKey = () => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pemOf = (key: crypto.KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }).toString();

/** The county's own CA: signs certificates only (basicConstraints CA, keyUsage keyCertSign and cRLSign). */
export function makeCa(cn: string): Signed {
  const { publicKey, privateKey } = newKey();
  const cert = certificate({
    subject: cn,
    issuer: cn,
    publicKey,
    signer: privateKey,
    issuerKey: publicKey,
    extensions: [extension('2.5.29.19', true, seq(TRUE)), extension('2.5.29.15', true, bits(Buffer.from([0x06]), 1))],
  });
  return { cert, key: pemOf(privateKey) };
}

/** A server certificate for `names` (addresses or host names), signed by the CA: for TLS servers only. */
export function makeServerCert(ca: Signed, names: string[]): Signed {
  const caCert = new crypto.X509Certificate(ca.cert);
  const { publicKey, privateKey } = newKey();
  const cert = certificate({
    subject: names[0],
    issuer: caCert.subject.replace(/^CN=/, ''),
    publicKey,
    signer: crypto.createPrivateKey(ca.key),
    issuerKey: caCert.publicKey,
    extensions: [
      extension('2.5.29.19', true, seq()),
      extension('2.5.29.15', true, bits(Buffer.from([0x80]), 7)),
      extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))),
      extension('2.5.29.17', false, altNames(names)),
    ],
  });
  return { cert, key: pemOf(privateKey) };
}

/** Whether a certificate names every one of `names` (an address as an address, a host name as a host). */
export function certNames(pem: string, names: string[]): boolean {
  const cert = new crypto.X509Certificate(pem);
  return names.every((n) => (net.isIP(n) ? cert.checkIP(n) : cert.checkHost(n, { subject: 'never' })) !== undefined);
}
