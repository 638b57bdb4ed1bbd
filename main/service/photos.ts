// A wish's photo is kept as its pixels decoded and encoded again, never as the bytes that came in: a file can be a
// JPEG (or PNG) and an HTML page or a script at once (a polyglot), and whatever rides in its comments, metadata or
// trailing bytes (a location in EXIF too) is dropped with them. Only the pixels are a photo.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

import { AppError } from '../../shared/domain/result';

const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const PHOTO_MAX = 5 * 1024 * 1024;
/** A phone's photo is 12–50 million pixels; a file that claims more is a decompression bomb, not a photo. */
const MAX_MEGAPIXELS = 60;

const unreadable = () => new AppError('VALIDATION', '照片无法读取：文件已损坏，或不是真正的 JPEG / PNG 图片', 'photo');

/** A photo's type, read from its bytes (the file name may say anything), and its pixels written afresh. */
export function photoOf(base64: string): { mime: 'image/jpeg' | 'image/png'; bytes: Buffer } {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > PHOTO_MAX)
    throw new AppError('VALIDATION', `照片不能超过 5 MB，这张有 ${(bytes.length / 1048576).toFixed(1)} MB`, 'photo');
  if (bytes.subarray(0, 3).equals(JPEG)) {
    let image: jpeg.UintArrRet;
    try {
      image = jpeg.decode(bytes, { useTArray: true, maxResolutionInMP: MAX_MEGAPIXELS, maxMemoryUsageInMB: 1024 });
    } catch {
      throw unreadable();
    }
    // Only the pixels: jpeg-js would write the decoded comments and EXIF back if handed the whole image.
    const pixels = { width: image.width, height: image.height, data: image.data };
    return { mime: 'image/jpeg', bytes: Buffer.from(jpeg.encode(pixels, 85).data) };
  }
  if (bytes.subarray(0, 8).equals(PNG_MAGIC)) {
    // IHDR comes first: its width and height are checked before anything is inflated.
    if (bytes.length < 24 || (bytes.readUInt32BE(16) * bytes.readUInt32BE(20)) / 1e6 > MAX_MEGAPIXELS)
      throw unreadable();
    let image: PNG;
    try {
      image = PNG.sync.read(bytes);
    } catch {
      throw unreadable();
    }
    return { mime: 'image/png', bytes: PNG.sync.write(image) };
  }
  throw new AppError('VALIDATION', '照片应为 JPEG 或 PNG 图片', 'photo');
}
