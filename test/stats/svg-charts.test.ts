import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { barChart, CHART_COLOURS, columnChart, niceStep, shorten, textWidth, type BarChartSpec } from '../../src/stats/svg-charts.ts';
import { escapeXml } from '../../src/web/escape-markup.ts';

/** An element of a parsed chart: its name, attributes, text and children. */
interface Node {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: Node[];
}

/**
 * A strict reader of the XML the charts write: every tag closed in order, every attribute quoted once,
 * every `&` an entity, no `<` in text or attribute values. Throws on anything else; returns the tree.
 */
function parseXml(xml: string): Node {
  const root: Node = { name: '#root', attrs: {}, text: '', children: [] };
  const stack: Node[] = [root];
  const token = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  const checkText = (s: string) => {
    assert.doesNotMatch(s, /&(?!(?:amp|lt|gt|quot|#39);)/, `a bare & in ${JSON.stringify(s)}`);
  };
  let at = 0;
  while (at < xml.length) {
    token.lastIndex = at;
    const m = token.exec(xml);
    if (!m) throw new Error(`not well-formed at ${at}: ${xml.slice(at, at + 40)}`);
    at = token.lastIndex;
    const [, closing, name, rawAttrs, selfClosing, text] = m;
    const top = stack.at(-1)!;
    if (text !== undefined) {
      checkText(text);
      top.text += text;
    } else if (closing) {
      assert.equal(top.name, name, `</${name}> closes <${top.name}>`);
      stack.pop();
    } else {
      const attrs: Record<string, string> = {};
      for (const a of rawAttrs!.matchAll(/([\w:-]+)="([^"]*)"/g)) {
        assert.ok(!(a[1]! in attrs), `attribute ${a[1]} twice`);
        checkText(a[2]!);
        attrs[a[1]!] = a[2]!;
      }
      const node: Node = { name: name!, attrs, text: '', children: [] };
      top.children.push(node);
      if (!selfClosing) stack.push(node);
    }
  }
  assert.equal(stack.length, 1, `unclosed <${stack.at(-1)!.name}>`);
  assert.equal(root.children.length, 1, 'one root element');
  return root.children[0]!;
}

function all(node: Node, name: string): Node[] {
  return [...(node.name === name ? [node] : []), ...node.children.flatMap((c) => all(c, name))];
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

const BASE: BarChartSpec = {
  id: 'test',
  title: 'Communications per year',
  desc: 'One bar per year.',
  lang: 'en',
  dir: 'ltr',
  series: [{ label: 'Communications', colour: CHART_COLOURS.primary }],
  bars: [
    { label: '2020', values: [4] },
    { label: '2021', values: [0] },
    { label: '2022', values: [10] },
    { label: '2023', values: [2] },
  ],
};

/** The bars of a chart: their value and their length along the chart's axis. */
function bars(svg: Node, axis: 'width' | 'height') {
  return all(svg, 'rect')
    .filter((r) => r.attrs.class === 'chart__bar')
    .map((r) => ({ value: Number(r.attrs['data-value']), length: Number(r.attrs[axis]), x: Number(r.attrs.x), series: Number(r.attrs['data-series']) }));
}

describe('SVG charts', () => {
  for (const [name, render, axis] of [
    ['columns', columnChart, 'height'],
    ['bars', barChart, 'width'],
  ] as const) {
    it(`${name}: well-formed, an image named by its title and described by its desc`, () => {
      const svg = parseXml(render(BASE));
      assert.equal(svg.name, 'svg');
      assert.equal(svg.attrs.xmlns, 'http://www.w3.org/2000/svg');
      assert.equal(svg.attrs.role, 'img');
      assert.equal(svg.attrs['aria-labelledby'], 'test-title test-desc');
      // The title and description come first, with the ids the label points to.
      assert.deepEqual(svg.children.slice(0, 2).map((c) => [c.name, c.attrs.id, c.text]), [
        ['title', 'test-title', 'Communications per year'],
        ['desc', 'test-desc', 'One bar per year.'],
      ]);
      assert.match(svg.attrs.viewBox!, /^0 0 \d+ [\d.]+$/);
      assert.equal(all(svg, 'script').length, 0);
    });

    it(`${name}: bar lengths proportional to the values, an empty value drawing nothing`, () => {
      const found = bars(parseXml(render(BASE)), axis);
      assert.deepEqual(found.map((b) => b.value), [4, 10, 2], 'the zero draws no bar');
      const ratio = found[0]!.length / found[0]!.value;
      assert.ok(ratio > 0);
      for (const b of found) assert.ok(Math.abs(b.length / b.value - ratio) < 0.02, `${b.value} → ${b.length}`);
    });

    it(`${name}: labels escaped, never markup`, () => {
      const hostile = '<script>alert("x")</script> & \'Co\'';
      const xml = render({ ...BASE, title: hostile, desc: hostile, series: [{ label: hostile, colour: '#000000' }], bars: [{ label: hostile, values: [3] }] });
      assert.ok(!xml.includes('<script>'), 'no script tag');
      assert.ok(xml.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;'));
      const svg = parseXml(xml);
      assert.equal(all(svg, 'script').length, 0);
      assert.equal(unescape(svg.children[0]!.text), hostile);
    });

    it(`${name}: numbers written the page language's way`, () => {
      const svg = parseXml(render({ ...BASE, lang: 'fr', bars: [{ label: 'x', values: [12345] }] }));
      const texts = all(svg, 'text').map((t) => t.text);
      assert.ok(texts.includes(new Intl.NumberFormat('fr').format(12345)), texts.join(' | '));
      assert.ok(!texts.includes('12,345') && !texts.includes('12345'));
    });

    it(`${name}: right to left is the mirror image`, () => {
      const ltr = parseXml(render({ ...BASE, dir: 'ltr' }));
      const rtl = parseXml(render({ ...BASE, dir: 'rtl' }));
      assert.equal(rtl.attrs.direction, 'rtl');
      const width = Number(ltr.attrs.width);
      const a = bars(ltr, axis);
      const b = bars(rtl, axis);
      assert.equal(a.length, b.length);
      a.forEach((bar, i) => {
        const w = axis === 'width' ? bar.length : Number(all(ltr, 'rect').find((r) => r.attrs.class === 'chart__bar' && Number(r.attrs.x) === bar.x)!.attrs.width);
        assert.ok(Math.abs(b[i]!.x - (width - bar.x - w)) < 0.02, `bar ${i}: ${bar.x} mirrors to ${b[i]!.x}`);
      });
    });
  }

  it('stacks several series, in order, with a legend', () => {
    const spec: BarChartSpec = {
      ...BASE,
      series: [
        { label: 'On time', colour: CHART_COLOURS.replied },
        { label: 'Late', colour: CHART_COLOURS.late },
        { label: 'None', colour: CHART_COLOURS.none },
      ],
      bars: [{ label: 'KAZ', values: [2, 1, 1] }],
    };
    const svg = parseXml(barChart(spec));
    const segments = bars(svg, 'width');
    assert.deepEqual(segments.map((s) => s.series), [0, 1, 2]);
    assert.ok(segments[0]!.x < segments[1]!.x && segments[1]!.x < segments[2]!.x, 'from the start side');
    assert.ok(Math.abs(segments[1]!.x - (segments[0]!.x + segments[0]!.length)) < 0.02, 'adjacent');
    const legend = all(svg, 'g').find((g) => g.attrs.class === 'chart__legend')!;
    assert.deepEqual(all(legend, 'text').map((t) => t.text), ['On time', 'Late', 'None']);
  });

  it('share scale: every bar full length, segments its shares, the label at its end', () => {
    const svg = parseXml(
      barChart({
        ...BASE,
        scale: 'share',
        series: [{ label: 'Answered', colour: CHART_COLOURS.replied }, { label: 'None', colour: CHART_COLOURS.none }],
        bars: [
          { label: 'A', values: [1, 3] },
          { label: 'B', values: [9, 1] },
        ],
        endLabels: ['25%', '90%'],
      }),
    );
    const s = bars(svg, 'width');
    const full = s[0]!.length + s[1]!.length;
    assert.ok(Math.abs(s[2]!.length + s[3]!.length - full) < 0.02);
    assert.ok(Math.abs(s[0]!.length / full - 0.25) < 0.001);
    assert.ok(all(svg, 'text').some((t) => t.text === '90%'));
  });

  it('draws an axis-only chart when every value is zero, and nothing breaks without bars', () => {
    for (const render of [columnChart, barChart]) {
      assert.equal(bars(parseXml(render({ ...BASE, bars: [{ label: '2020', values: [0] }] })), 'width').length, 0);
      assert.equal(parseXml(render({ ...BASE, bars: [] })).name, 'svg');
    }
  });

  it('shortens long labels to fit, keeping the full one in the bar’s tooltip', () => {
    const long = 'Special Rapporteur on the promotion and protection of human rights and fundamental freedoms while countering terrorism';
    const svg = parseXml(barChart({ ...BASE, bars: [{ label: long, values: [1] }] }));
    const label = all(svg, 'text').find((t) => t.text.endsWith('…'))!;
    assert.ok(label && textWidth(label.text) < textWidth(long));
    assert.ok(long.startsWith(label.text.slice(0, -1)));
    const item = all(svg, 'g').find((g) => g.attrs.class === 'chart__item')!;
    assert.ok(item.children[0]!.name === 'title' && item.children[0]!.text.startsWith(long));
    assert.equal(shorten('Short', 200), 'Short');
    assert.ok(textWidth('中国') > textWidth('ab'), 'wide characters count wide');
  });

  it('helpers: escapes the five characters and drops those XML cannot hold; nice steps', () => {
    assert.equal(escapeXml(`<a href="x">'&'</a>\u0001`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    assert.deepEqual([niceStep(0), niceStep(3), niceStep(10), niceStep(57), niceStep(1234)], [1, 1, 5, 20, 500]);
  });

  it('uses colours with at least 3:1 contrast against white', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    for (const [name, colour] of Object.entries(CHART_COLOURS)) {
      const ratio = (1 + 0.05) / (luminance(colour) + 0.05);
      assert.ok(ratio >= 3, `${name} ${colour}: ${ratio.toFixed(2)}`);
    }
  });
});
