// Base64 for what the backend takes as text: a QR picture's bytes (decode_qr_image) and the receive code's
// SVG, shown as a data: image rather than injected as markup.

/** Bytes → base64, in chunks so a large photo does not overflow the argument list of fromCharCode. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** Text (UTF-8) → base64. */
export const textToBase64 = (text: string): string => bytesToBase64(new TextEncoder().encode(text));

/** An SVG document as an image URL: the browser draws it as a picture, so no script in it can run. */
export const svgDataUrl = (svg: string): string => `data:image/svg+xml;base64,${textToBase64(svg)}`;

/** A picture file's bytes as base64 (FileReader: a data URL, without its "data:…;base64," head). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}
