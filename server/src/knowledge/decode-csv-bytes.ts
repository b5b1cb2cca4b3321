import { ClaraError } from '@clara/core';
import { assertCsvText, rowAt, saveAsUtf8 } from './csv-problems';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A CSV file's bytes as text. UTF-8 (with or without a BOM, which is dropped) and UTF-16 with a
 * byte order mark (FF FE or FE FF, as Excel's "Unicode Text" writes it) are decoded. Any other
 * file that is not UTF-8 is refused with what to do: a binary file as not a CSV, a text file (e.g.
 * Excel's plain "CSV (Comma delimited)", in Windows-1252, where £ is byte A3) with how to save it
 * as UTF-8; it is not guessed, as a wrong guess would import wrong letters.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    // Big-endian: swap each pair of bytes and read it as little-endian (an odd last byte is dropped).
    const swapped = new Uint8Array(bytes.length - 2 - (bytes.length % 2));
    for (let i = 0; i < swapped.length; i += 2) {
      swapped[i] = bytes[i + 3] ?? 0;
      swapped[i + 1] = bytes[i + 2] ?? 0;
    }
    return new TextDecoder('utf-16le').decode(swapped);
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return utf8.decode(body);
  } catch {
    // Latin-1 keeps one character per byte: an image or a workbook is still told apart from text.
    assertCsvText(Buffer.from(body).toString('latin1'));
    throw notUtf8(body);
  }
}

/**
 * The refusal of a text file that is not UTF-8, naming the first row (as a spreadsheet numbers
 * it, like the row errors) with a byte UTF-8 cannot read.
 */
function notUtf8(bytes: Uint8Array): ClaraError {
  const text = new TextDecoder('utf-8').decode(bytes);
  const row = rowAt(text, text.indexOf('\uFFFD'));
  return new ClaraError(
    'validation_failed',
    `This file is not UTF-8 text (row ${row} has a character in another encoding: the file looks saved in a Windows encoding, as Excel's plain "CSV (Comma delimited)" does). ${saveAsUtf8}`,
  );
}
