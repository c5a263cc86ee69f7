import { PROVINCES_2025, type ProvinceSpec } from './national-provinces.ts';

/**
 * How big a generated dataset is. The same generator serves the whole country, one large
 * province and the tiny shapes tests use: only these numbers differ.
 */
export interface ScaleSpec {
  name: string;
  provinces: readonly ProvinceSpec[];
  /** Grassroots unions in all (province trees and central unions). */
  cdcs: number;
  /** Employers in all, those behind a CĐCS included. */
  employers: number;
  centralSectors: number;
  corporations: number;
  cdcsPerCentralUnion: number;
  /** Largest employer (the biggest FDI factories have tens of thousands of workers). */
  maxWorkers: number;
  /** Overrides each province's commune count (tests). */
  communesPerProvince?: number;
}

export const NATIONAL_SCALE: ScaleSpec = {
  name: 'national',
  provinces: PROVINCES_2025,
  cdcs: 130_000,
  employers: 400_000,
  centralSectors: 5,
  corporations: 6,
  cdcsPerCentralUnion: 60,
  maxWorkers: 60_000,
};

/** One large province (Tây Ninh after absorbing Long An), ~500,000 members: the embedded mode's ceiling. */
export const PROVINCE_SCALE: ScaleSpec = {
  name: 'province',
  provinces: PROVINCES_2025.filter((p) => p.code === 'TNI'),
  cdcs: 5_000,
  employers: 17_000,
  centralSectors: 0,
  corporations: 0,
  cdcsPerCentralUnion: 0,
  maxWorkers: 30_000,
};

/** A national-shaped dataset small enough for unit and integration tests (a few thousand members). */
export function smallScale(): ScaleSpec {
  return {
    name: 'small',
    provinces: PROVINCES_2025.filter((p) => p.code === 'TNI' || p.code === 'HCM'),
    cdcs: 60,
    employers: 160,
    centralSectors: 1,
    corporations: 1,
    cdcsPerCentralUnion: 3,
    maxWorkers: 400,
    communesPerProvince: 3,
  };
}

export const SCALES: Record<string, ScaleSpec> = { national: NATIONAL_SCALE, province: PROVINCE_SCALE };
