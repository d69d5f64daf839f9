import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'
import type { ReportData } from './report-data.js'

/** Renders a Vega-Lite chart to SVG text, in process, with no browser and nothing fetched. */
const svgOf = async (spec: TopLevelSpec): Promise<string> => {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}

const font = { config: { font: 'Helvetica, Arial, sans-serif', view: { stroke: null } } } as const

/** The report's three charts as inline SVG: learning against the minimum by unit, compliance by month, deadlines. */
export const reportCharts = async (data: ReportData): Promise<readonly { title: string; svg: string }[]> => {
  const units = [...new Set(data.learning.map(line => line.unit))]
  const byUnit = units.map(unit => {
    const lines = data.learning.filter(line => line.unit === unit)
    return {
      unit,
      'at the minimum': lines.filter(line => line.atMinimum).length,
      'below it': lines.filter(line => !line.atMinimum).length,
    }
  })
  const months = [...new Set(data.complaints.map(line => line.month))].sort()
  const deadlines = months.flatMap(month => {
    const filed = data.complaints.filter(line => line.month === month)
    const missed = filed.filter(line => line.missedStages !== '').length
    return [
      { month, outcome: 'every deadline met', complaints: filed.length - missed },
      { month, outcome: 'a deadline missed', complaints: missed },
    ]
  })
  return [
    {
      title: `ASN at the annual learning minimum by unit, ${data.year}`,
      svg: await svgOf({
        ...font,
        width: 420,
        data: { values: byUnit },
        transform: [{ fold: ['at the minimum', 'below it'], as: ['standing', 'asn'] }],
        mark: 'bar',
        encoding: {
          y: { field: 'unit', type: 'nominal', title: null, sort: units, axis: { labelLimit: 320 } },
          x: { field: 'asn', type: 'quantitative', title: 'ASN', stack: 'zero' },
          color: {
            field: 'standing',
            type: 'nominal',
            title: null,
            scale: { domain: ['at the minimum', 'below it'], range: ['#2e7d32', '#c62828'] },
          },
        },
      }),
    },
    {
      title: `Share of ASN at the annual minimum, month by month, ${data.year}`,
      svg: await svgOf({
        ...font,
        width: 420,
        height: 200,
        data: { values: data.compliance },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'month', type: 'ordinal', title: null },
          y: { field: 'share', type: 'quantitative', title: 'share', axis: { format: '%' }, scale: { domain: [0, 1] } },
        },
      }),
    },
    {
      title: 'Complaints by month filed: deadlines met and missed',
      svg: await svgOf({
        ...font,
        width: 420,
        height: 200,
        data: { values: deadlines },
        mark: 'bar',
        encoding: {
          x: { field: 'month', type: 'ordinal', title: null },
          y: { field: 'complaints', type: 'quantitative', title: 'complaints', stack: 'zero' },
          color: {
            field: 'outcome',
            type: 'nominal',
            title: null,
            scale: { domain: ['every deadline met', 'a deadline missed'], range: ['#2e7d32', '#c62828'] },
          },
        },
      }),
    },
  ]
}
