/**
 * Lays a report's content out as a Word document the way Nghị định 30/2020/NĐ-CP (Phụ lục I)
 * describes an administrative document: A4 portrait, margins top/bottom 20 mm, left 30 mm, right
 * 15 mm, Times New Roman 14 pt (tables 13 pt, header lines 12 pt), the issuing unit beside the national title, the
 * number, place and date, the title, the body, "Nơi nhận" beside the signer. The staff edit and
 * sign it, so everything stays plain Word: no macros, placeholders highlighted; the one field is
 * the page number, which Phụ lục I puts centred in the top margin from page 2 (13–14 pt, the first
 * page unnumbered).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  HighlightColor,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IBorderOptions,
  type ParagraphChild,
} from 'docx';
import {
  PLACEHOLDER_OPEN,
  TASKS_PLACEHOLDER,
  type Figure,
  type ReportContent,
  type UnitGroup,
} from '../../domain/report-documents/report-content.ts';

export const A4 = { width: 11906, height: 16838 } as const;
const MM = 56.7; // twips per millimetre
export const MARGINS = {
  top: Math.round(20 * MM),
  bottom: Math.round(20 * MM),
  left: Math.round(30 * MM),
  right: Math.round(15 * MM),
} as const;
const TEXT_WIDTH = A4.width - MARGINS.left - MARGINS.right;
export const FONT = 'Times New Roman';
const BODY = 28; // half-points: 14 pt
const TABLE = 26; // 13 pt
const SMALL = 24; // 12 pt ("Nơi nhận")
const TINY = 22; // 11 pt (its lines)

type RunStyle = { bold?: boolean; italics?: boolean; size?: number; highlight?: boolean };

/** Text with every "[…]" placeholder highlighted in yellow, so none reaches the signer unnoticed. */
function runs(text: string, style: RunStyle = {}): ParagraphChild[] {
  const parts = text.split(/(\[[^\]]*\])/g).filter((p) => p !== '');
  return parts.map(
    (part) =>
      new TextRun({
        text: part,
        font: FONT,
        size: style.size ?? BODY,
        bold: style.bold,
        italics: style.italics,
        highlight: style.highlight || part.startsWith(PLACEHOLDER_OPEN) ? HighlightColor.YELLOW : undefined,
      }),
  );
}

function line(
  text: string,
  options: RunStyle & {
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    indent?: boolean;
    before?: number;
    after?: number;
    keepNext?: boolean;
  } = {},
): Paragraph {
  return new Paragraph({
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    indent: options.indent ? { firstLine: 567 } : undefined,
    keepNext: options.keepNext,
    spacing: { before: options.before ?? 0, after: options.after ?? 0, line: 276 },
    children: runs(text, options),
  });
}

const heading = (text: string) => line(text, { bold: true, before: 120, after: 60, indent: true, keepNext: true });
const body = (text: string) => line(text, { indent: true, before: 60, after: 60 });

const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

/** A borderless two-column block (header, signature), the usual way to set two things side by side in Word. */
function sideBySide(leftShare: number, left: Paragraph[], right: Paragraph[]): Table {
  const widths = [Math.round(TEXT_WIDTH * leftShare), TEXT_WIDTH - Math.round(TEXT_WIDTH * leftShare)];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [left, right].map(
          (children, i) => new TableCell({ width: { size: widths[i]!, type: WidthType.DXA }, borders: NO_BORDERS, children }),
        ),
      }),
    ],
  });
}

type Align = 'left' | 'center' | 'right';
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

/** A bordered data table; the header row repeats on every page; a row stays on one page unless `rowsMaySplit` (tall rows would leave half a page blank). */
/** A table's columns: the titles given, each with its share of the text width and its alignment. */
function columnsOf(
  titles: readonly string[],
  layout: { shares: number[]; aligns: Align[] },
): { title: string; share: number; align: Align }[] {
  return layout.shares.map((share, i) => ({ title: titles[i]!, share, align: layout.aligns[i]! }));
}

function dataTable(
  columns: { title: string; share: number; align: Align }[],
  rows: { cells: string[]; span?: boolean; italics?: boolean }[],
  options: { rowsMaySplit?: boolean } = {},
): Table {
  const total = columns.reduce((s, c) => s + c.share, 0);
  const widths = columns.map((c) => Math.floor((TEXT_WIDTH * c.share) / total));
  const cell = (text: string, i: number, opts: { bold?: boolean; italics?: boolean; span?: number; align?: Align } = {}) =>
    new TableCell({
      width: { size: opts.span ? TEXT_WIDTH : widths[i]!, type: WidthType.DXA },
      columnSpan: opts.span,
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 60, right: 60, top: 20, bottom: 20 },
      children: [
        new Paragraph({
          alignment: ALIGN[opts.align ?? columns[i]!.align],
          children: runs(text, { size: TABLE, bold: opts.bold, italics: opts.italics }),
        }),
      ],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c, i) => cell(c.title, i, { bold: true, align: 'center' })) }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: !options.rowsMaySplit,
            children: r.span
              ? [cell(r.cells[0]!, 0, { bold: !r.italics, italics: r.italics, span: columns.length, align: 'left' })]
              : r.cells.map((t, i) => cell(t, i)),
          }),
      ),
    ],
  });
}

const text = (f: Figure) => f.text;

/**
 * One target of section II: its name, one sentence on how its units stand, and a table of the
 * units listed first in the children table (lagging first), at most a page; the line after it
 * counts the others, which the XLSX lists. Columns without content for this target are left out.
 */
function unitBlock(g: UnitGroup, titles: string[]): (Paragraph | Table)[] {
  const intro = [
    line(`${g.no}. ${g.label}`, { italics: true, bold: true, indent: true, before: 120, keepNext: true }),
    line(g.summary, { indent: true, after: 60, keepNext: g.shown > 0 }),
  ];
  if (g.shown === 0) return intro;
  const [no, unit, allocation, actual, share, assessment] = titles as [string, string, string, string, string, string];
  const columns: { title: string; share: number; align: Align; cell: (r: UnitGroup['rows'][number]) => string }[] = [
    { title: no, share: 7, align: 'center', cell: (r) => String(r.no) },
    { title: unit, share: 40, align: 'left', cell: (r) => r.unit },
    ...(g.hasAllocation
      ? [{ title: allocation, share: 15, align: 'right' as const, cell: (r: UnitGroup['rows'][number]) => r.allocation }]
      : []),
    { title: actual, share: 13, align: 'right', cell: (r) => text(r.actual) },
    ...(g.hasShare ? [{ title: share, share: 11, align: 'right' as const, cell: (r: UnitGroup['rows'][number]) => text(r.share) }] : []),
    { title: assessment, share: 18, align: 'left', cell: (r) => r.assessment },
  ];
  const rows = g.rows.slice(0, g.shown).map((r) => ({ cells: columns.map((c) => c.cell(r)) }));
  return [...intro, dataTable(columns, g.rest ? [...rows, { cells: [g.rest], span: true, italics: true }] : rows)];
}

export async function renderReportDocx(c: ReportContent): Promise<Buffer> {
  const header = sideBySide(
    0.38,
    [
      ...(c.header.parentName ? [line(c.header.parentName, { size: SMALL, align: AlignmentType.CENTER })] : []),
      line(c.header.unitName, { size: SMALL, bold: true, align: AlignmentType.CENTER }),
      line('________', { size: TABLE, align: AlignmentType.CENTER, after: 60 }),
      line(c.numberLine, { size: TABLE, align: AlignmentType.CENTER }),
    ],
    [
      line(c.header.country, { size: SMALL, bold: true, align: AlignmentType.CENTER }),
      line(c.header.motto, { bold: true, align: AlignmentType.CENTER }),
      line('________________', { align: AlignmentType.CENTER, after: 60 }),
      line(c.placeDate, { italics: true, align: AlignmentType.CENTER }),
    ],
  );

  const targets = dataTable(
    columnsOf(c.targetColumns, { shares: [7, 37, 19, 12, 10, 15], aligns: ['center', 'left', 'left', 'right', 'right', 'left'] }),
    c.targets.map((t) => ({ cells: [String(t.no), t.label, t.plan, text(t.actual), text(t.share), t.assessment] })),
  );
  const completeness = dataTable(
    c.completenessColumns.map((title, i) => ({ title, share: i === 0 ? 30 : 10, align: i === 0 ? ('left' as const) : ('right' as const) })),
    c.completeness.map((l) => ({ cells: [l.templateName, ...l.figures.map(text)] })),
  );
  // Long task texts wrap in their cell (Word and LibreOffice break lines between words only).
  const tasks = dataTable(
    columnsOf(c.taskColumns, { shares: [7, 34, 13, 17, 10, 19], aligns: ['center', 'left', 'left', 'left', 'right', 'left'] }),
    c.tasks.map((t) => ({ cells: [String(t.no), t.text, t.lead, t.status, text(t.share), t.evidence] })),
    { rowsMaySplit: true },
  );

  const signature = sideBySide(
    0.5,
    [
      new Paragraph({ spacing: { before: 240 }, children: runs('Nơi nhận:', { size: SMALL, bold: true, italics: true }) }),
      ...c.recipients.map((r) => new Paragraph({ children: runs(r, { size: TINY }) })),
    ],
    [
      line(c.signer.capacity, { bold: true, align: AlignmentType.CENTER, before: 240 }),
      line(c.signer.title, { bold: true, align: AlignmentType.CENTER, after: 1200 }),
      line(c.signer.name, { bold: true, align: AlignmentType.CENTER }),
    ],
  );

  const doc = new Document({
    creator: 'Tiến Độ',
    title: `${c.title} ${c.subtitle} ${c.periodLine}`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: A4.width, height: A4.height }, margin: { ...MARGINS, header: 567, footer: 567 } },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: BODY })],
              }),
            ],
          }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children: [
          header,
          line(c.title, { bold: true, align: AlignmentType.CENTER, before: 360 }),
          line(c.subtitle, { bold: true, align: AlignmentType.CENTER }),
          line(c.periodLine, { bold: true, align: AlignmentType.CENTER, after: 60 }),
          line('________', { align: AlignmentType.CENTER, after: 240 }),
          body(c.opening),
          line(c.asOfNote, { italics: true, indent: true, after: 60 }),
          heading(c.sections.targets),
          body(c.targetSummary),
          targets,
          heading(c.sections.units),
          ...(c.units.some((g) => g.rows.length)
            ? c.units.flatMap((g) => unitBlock(g, c.unitColumns))
            : [body('Đơn vị không có đơn vị trực thuộc.')]),
          heading(c.sections.completeness),
          body(c.completenessSummary),
          ...(c.completeness.length ? [completeness] : []),
          heading(c.sections.tasks),
          body(c.taskSummary),
          ...(c.tasks.length ? [tasks] : [body(TASKS_PLACEHOLDER)]),
          heading(c.sections.assessment),
          line(c.assessment.note, { italics: true, indent: true, after: 60, highlight: true }),
          ...c.assessment.prompts.map(body),
          signature,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
