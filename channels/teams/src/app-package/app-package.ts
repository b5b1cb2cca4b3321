import { colorIconPng, outlineIconPng } from './icons';
import { type TeamsManifestInput, teamsManifest } from './manifest';
import { writeZip } from './zip';

/**
 * A Teams app package: a zip with manifest.json and its two icons at the root (color.png
 * 192 × 192 in the brand colour with the initial, outline.png 32 × 32 white on transparent),
 * ready to upload in the Teams admin centre or to sideload.
 */
export function teamsAppPackage(input: TeamsManifestInput): Buffer {
  const now = input.now ?? new Date();
  const manifest = teamsManifest({ ...input, now });
  return writeZip(
    [
      { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
      { name: 'color.png', data: colorIconPng(input.accentColor, input.displayName) },
      { name: 'outline.png', data: outlineIconPng(input.displayName) },
    ],
    now,
  );
}
