// Base64 for picture bytes and the receive code's SVG: exact bytes, UTF-8 text, large inputs.
import { describe, expect, it } from 'vitest';
import { bytesToBase64, fileToBase64, svgDataUrl } from './base64';

describe('base64', () => {
  it('encodes bytes exactly, also past one chunk', () => {
    expect(bytesToBase64(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBe('iVBORw==');
    const big = new Uint8Array(100_000).map((_, i) => i % 256);
    expect(atob(bytesToBase64(big)).length).toBe(100_000);
  });

  it('makes an image URL of an SVG with Chinese text in it', () => {
    const url = svgDataUrl('<svg><title>收款码</title></svg>');
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const bytes = Uint8Array.from(atob(url.split(',')[1]), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toBe('<svg><title>收款码</title></svg>');
  });

  it('reads a file as base64 without the data URL head', async () => {
    const file = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'code.jpg', { type: 'image/jpeg' });
    expect(await fileToBase64(file)).toBe('/9j/');
  });
});
