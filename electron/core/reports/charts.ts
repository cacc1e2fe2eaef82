import { Resvg } from '@resvg/resvg-js'
import * as echarts from 'echarts'

/** The CJK font shipped in resources/fonts, given to resvg explicitly: a user's machine may have none. */
export const CHART_FONT_FILE = 'fonts/NotoSansSC-Subset.otf'
const CHART_FONT_FAMILY = 'Noto Sans CJK SC'

export interface BarChartSpec {
  title: string
  categories: string[]
  series: { name: string; values: number[] }[]
  /** Stack the series in one bar per category (employment + internship). */
  stacked?: boolean
  horizontal?: boolean
}

const PALETTE = ['#1f6f5c', '#f0b429', '#5b8def', '#d9534f', '#8e6fbf']

/**
 * A bar chart as PNG: ECharts renders SVG on the server side, resvg turns it into pixels with our font. The
 * chart is disposed afterwards, or the process would not exit.
 */
export function renderBarChart(spec: BarChartSpec, fontPath: string, widthPx = 1600): { png: Buffer; size: { width: number; height: number } } {
  const width = 800
  const height = Math.max(360, spec.horizontal ? 80 + spec.categories.length * 36 : 420)
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    const categoryAxis = { type: 'category' as const, data: spec.categories, axisLabel: { fontSize: 13, interval: 0, width: spec.horizontal ? 220 : 120, overflow: 'break' as const } }
    const valueAxis = { type: 'value' as const, minInterval: 1, axisLabel: { fontSize: 12 } }
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: CHART_FONT_FAMILY },
      color: PALETTE,
      title: { text: spec.title, left: 'center', textStyle: { fontSize: 18, fontFamily: CHART_FONT_FAMILY } },
      legend: { bottom: 0, textStyle: { fontSize: 13 } },
      grid: { left: spec.horizontal ? 230 : 60, right: 40, top: 60, bottom: 60, containLabel: false },
      xAxis: spec.horizontal ? valueAxis : categoryAxis,
      yAxis: spec.horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
      series: spec.series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: s.values,
        stack: spec.stacked ? 'total' : undefined,
        barMaxWidth: 48,
        label: { show: true, position: spec.stacked ? 'inside' : spec.horizontal ? 'right' : 'top', fontSize: 12, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
      })),
    })
    const svg = chart.renderToSVGString()
    const png = new Resvg(svg, {
      background: '#ffffff',
      fitTo: { mode: 'width', value: widthPx },
      font: { fontFiles: [fontPath], loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
    })
      .render()
    return { png: Buffer.from(png.asPng()), size: { width: png.width, height: png.height } }
  } finally {
    chart.dispose()
  }
}
