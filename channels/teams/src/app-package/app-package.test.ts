import { describe, expect, it } from 'vitest';
import { decodePng, readZip, teamsManifestProblems } from '../testing';
import { teamsAppPackage } from './app-package';
import type { TeamsManifestInput } from './manifest';
import { teamsManifest } from './manifest';

const input: TeamsManifestInput = {
  botId: '0f3a6b2c-1d4e-4f5a-8b6c-7d8e9f0a1b2c',
  publicUrl: 'https://clara.example.com',
  displayName: 'Clara',
  workspaceName: 'Acme Outdoor',
  welcomeMessage: 'Hi! Ask me about orders, shipping and returns.',
  accentColor: '#6366f1',
  suggestedQuestions: [
    'How much does shipping cost?',
    'What is your policy for returning an item bought in a sale?',
  ],
  now: new Date('2026-12-07T02:15:00Z'),
};

/** The colour at (x, y) as [r, g, b, a]. */
const at = (png: ReturnType<typeof decodePng>, x: number, y: number) => [
  ...png.pixels.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4),
];

describe('the Teams app package', () => {
  it('is a zip of manifest.json, color.png and outline.png whose manifest keeps Microsoft’s rules', () => {
    const files = readZip(teamsAppPackage(input));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '');
    expect(teamsManifestProblems(manifest)).toEqual([]);
    expect(manifest).toMatchObject({
      manifestVersion: '1.17',
      version: '1.20261207.135',
      id: input.botId,
      accentColor: '#6366F1',
      validDomains: ['clara.example.com'],
      icons: { color: 'color.png', outline: 'outline.png' },
      name: { short: 'Clara' },
      bots: [{ botId: input.botId, scopes: ['personal', 'team', 'groupChat'], supportsFiles: false }],
    });
    // Only a question that fits a command title (≤ 32) becomes a command.
    expect(manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title)).toEqual([
      'How much does shipping cost?',
    ]);
    expect(manifest.description.full).toContain(input.welcomeMessage);
  });

  it('draws a 192 × 192 opaque icon in the brand colour with the initial, and a 32 × 32 white outline on transparency', () => {
    const files = readZip(teamsAppPackage(input));
    const color = decodePng(files.get('color.png') as Buffer);
    expect([color.width, color.height, color.colourType]).toEqual([192, 192, 6]);
    expect(at(color, 0, 0)).toEqual([0x63, 0x66, 0xf1, 255]);
    expect(at(color, 191, 191)).toEqual([0x63, 0x66, 0xf1, 255]);
    const ink = new Set<string>();
    for (let i = 0; i < color.pixels.length; i += 4) ink.add(color.pixels.subarray(i, i + 4).join(','));
    // Brand colour and white (the C), nothing else; every pixel opaque.
    expect([...ink].sort()).toEqual(['255,255,255,255', '99,102,241,255']);

    const outline = decodePng(files.get('outline.png') as Buffer);
    expect([outline.width, outline.height, outline.colourType]).toEqual([32, 32, 6]);
    let transparent = 0;
    let white = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
      if (a === 0) transparent++;
      else if (r === 255 && g === 255 && b === 255 && a === 255) white++;
      else throw new Error(`outline pixel ${i / 4} is neither white nor transparent`);
    }
    expect(at(outline, 0, 0)[3]).toBe(0);
    expect(transparent).toBeGreaterThan(600);
    expect(white).toBeGreaterThan(100);
  });

  it('keeps the limits with long names, a light brand colour and a name without a Latin initial', () => {
    const long = {
      ...input,
      displayName: 'Kundenservice-Assistentin der Nordwind Handelsgesellschaft',
      workspaceName: 'Nordwind Handelsgesellschaft mbH & Co. KG, Hamburg',
      welcomeMessage: 'Moin! '.repeat(700),
      accentColor: '#fde68a',
    };
    const manifest = teamsManifest(long);
    expect(teamsManifestProblems(manifest)).toEqual([]);
    expect((manifest.name as { short: string }).short.length).toBeLessThanOrEqual(30);
    const color = decodePng(readZip(teamsAppPackage(long)).get('color.png') as Buffer);
    // White would not show on a light colour: the initial is near-black.
    const pixels = new Set<string>();
    for (let i = 0; i < color.pixels.length; i += 4) pixels.add(color.pixels.subarray(i, i + 4).join(','));
    expect(pixels.has('17,24,39,255')).toBe(true);
    const cjk = readZip(teamsAppPackage({ ...input, displayName: '助手' }));
    expect(teamsManifestProblems(JSON.parse(cjk.get('manifest.json')?.toString() ?? ''))).toEqual([]);
    expect(decodePng(cjk.get('outline.png') as Buffer).width).toBe(32);
  });

  it('refuses a server without https (Teams loads nothing else)', () => {
    expect(() => teamsManifest({ ...input, publicUrl: 'http://localhost:8080' })).toThrow(/https/);
  });
});
