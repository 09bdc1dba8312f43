import { describe, expect, it } from 'vitest';
import type { LoadResult } from '../src/generator.ts';
import { GENERATED_END, renderTable, spliceTable, type BenchReport, type ScenarioResult } from '../src/report.ts';

const load = (perSecond: number): LoadResult => ({
  sent: perSecond * 3,
  delivered: perSecond * 3,
  perSecond,
  latencyMs: { count: perSecond * 3, p50: 1.5, p95: 4, p99: 9.25, max: 20 },
  errors: 0,
  lost: 0,
  duplicated: 0,
  seconds: 3,
});
const scenario = (name: string, pairchat: number): ScenarioResult => ({
  name,
  pairchat: load(pairchat),
  relay: load(30_000),
  ratio: Math.round((pairchat / 30_000) * 100) / 100,
});
const stats = { count: 50, p50: 1, p95: 2, p99: 3, max: 4 };

function report(withMongo: boolean): BenchReport {
  return {
    date: '2026-11-29T19:00:00.000Z',
    quick: false,
    machine: { cores: 2, cpu: 'AMD EPYC', memGiB: 24, node: 'v20.20.2' },
    pinned: true,
    store: 'sqlite (embedded)',
    results: {
      onePairMax: scenario('1 pair, flat out', 5300),
      manyPairsMax: scenario('100 pairs, flat out', 5200),
      ratedPairs: scenario('1000 pairs at 1 message/s each', 990),
      queries: { boxes: 1000, history: 100_000, chatList: stats, newestPage: stats, deepPage: stats },
      idle: { sockets: 10_000, rssBeforeMiB: 80, rssAfterMiB: 200, bytesPerSocket: 12_600, crossing: load(20) },
      ...(withMongo
        ? { mongo: { target: 'jongodb stand-in', scenarios: [scenario('100 pairs, flat out', 900)] } }
        : {}),
    },
  };
}

/** The rows of the scenario table (the only one of seven columns), header and rule left out. */
const scenarioRows = (markdown: string) =>
  markdown.split('\n').filter((line) => line.split(' | ').length === 7 && !line.startsWith('| scenario'));

describe('the BENCHMARKS.md table', () => {
  it('has a row for each MongoDB scenario of the JSON report, named for the MongoDB it ran on', () => {
    // Through JSON, as bench/results/latest.json holds it: the table is built from what was stored.
    const stored = JSON.parse(JSON.stringify(report(true))) as BenchReport;
    const rows = scenarioRows(renderTable(stored));
    expect(rows).toHaveLength(4);
    expect(rows[3]).toBe(
      '| MongoDB (jongodb stand-in): 100 pairs, flat out | 900 | 30000 | 0.03 | 1.5 / 4 / 9.25 / 20 | 1.5 / 9.25 | 0 / 0 / 0 |',
    );
    expect(renderTable(stored)).toContain('embedded store; MongoDB rows on jongodb stand-in.');
  });

  it('has only the embedded store rows when MongoDB was not measured', () => {
    const rows = scenarioRows(renderTable(report(false)));
    expect(rows.map((row) => row.split(' | ')[0])).toEqual([
      '| 1 pair, flat out',
      '| 100 pairs, flat out',
      '| 1000 pairs at 1 message/s each',
    ]);
  });

  it('replaces only the generated part of BENCHMARKS.md and keeps the hand-written text around it', () => {
    const table = renderTable(report(true));
    const current = `# Benchmarks\n\nintro\n\n${renderTable(report(false))}\n\n## Profile\n\nby hand\n`;
    const next = spliceTable(current, table);
    expect(next).toBe(`# Benchmarks\n\nintro\n\n${table}\n\n## Profile\n\nby hand\n`);
    expect(next.split(GENERATED_END)).toHaveLength(2);
    expect(spliceTable('', table)).toBe(`# Benchmarks\n\n${table}\n`);
  });

  it('has the media table when the run measured media, with text p99 during uploads against idle', () => {
    const base = report(false);
    expect(renderTable(base)).not.toContain('| media |');
    const media = {
      fileMiB: 25,
      upload: { ...stats, p50: 175 },
      uploadMiBPerSecond: 142.9,
      photo: { width: 4000, height: 3000, bytes: 3_500_000 },
      thumbnail: stats,
      photoUpload: stats,
      textIdle: load(100),
      uplinkBytesPerSecond: 12_500_000,
      textDuringUploads: load(100),
      uploadsDuring: [4, 9] as [number, number],
      p99Ratio: 1.4,
      textDuringUploadsFlatOut: load(100),
      uploadsDuringFlatOut: [13, 8] as [number, number],
      p99RatioFlatOut: 2.6,
    };
    const table = renderTable({ ...base, results: { ...base.results, media } });
    expect(table).toContain('| upload of a 25 MiB file, to 201 (p50 / max) | 175 / 4 ms: 142.9 MiB/s |');
    expect(table).toContain('each at 100 Mbit/s, p50 / p99 / max |');
    expect(table).toContain('p99 1.4× idle; 4 files and 9 photos meanwhile |');
    expect(table).toContain('p99 2.6× idle; 13 files and 8 photos meanwhile |');
  });
});
