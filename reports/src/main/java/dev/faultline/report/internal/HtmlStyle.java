package dev.faultline.report.internal;

/** The stylesheet inlined into {@code report.html}, which must open offline with nothing beside it. */
public final class HtmlStyle {

    /**
     * System fonts only (no web fonts to fetch); colours from GitHub's Primer light palette, whose
     * text and status colours meet WCAG AA on their backgrounds. Status is never colour alone: every
     * pill and banner also carries a symbol and a word.
     */
    public static final String CSS = """
            :root {
              color-scheme: light;
              --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --subtle: #f6f8fa;
              --good: #1a7f37; --good-bg: #dafbe1; --bad: #cf222e; --bad-bg: #ffebe9;
              --warn: #9a6700; --warn-bg: #fff8c5;
            }
            * { box-sizing: border-box; }
            body { margin: 0; background: #fff; color: var(--fg);
              font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1120px; margin: 0 auto; padding: 24px 24px 48px; }
            h1 { font-size: 1.6rem; line-height: 1.25; margin: .3rem 0 .4rem; }
            h2 { font-size: 1.2rem; margin: 2.4rem 0 .8rem; padding-bottom: .3rem; border-bottom: 1px solid var(--border); }
            h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
            code, pre { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: .88em; }
            pre { background: var(--subtle); border: 1px solid var(--border); border-radius: 6px; padding: .7rem 1rem; overflow-x: auto; }
            a { color: #0969da; }
            .muted { color: var(--muted); }
            .small { font-size: .82rem; }
            .tone-good { --tone: var(--good); --tone-bg: var(--good-bg); }
            .tone-bad { --tone: var(--bad); --tone-bg: var(--bad-bg); }
            .tone-warning { --tone: var(--warn); --tone-bg: var(--warn-bg); }
            .banner { border: 1px solid var(--border); border-left: 8px solid var(--tone); border-radius: 8px;
              padding: 18px 22px; background: linear-gradient(90deg, var(--tone-bg), #fff 70%); }
            .verdict { display: flex; align-items: center; gap: .6rem; margin: 0; font-weight: 700; color: var(--tone);
              text-transform: uppercase; letter-spacing: .05em; }
            .verdict .icon { display: inline-grid; place-items: center; width: 1.8rem; height: 1.8rem; border-radius: 50%;
              background: var(--tone); color: #fff; font-size: 1rem; letter-spacing: 0; }
            .verdict .exit { color: var(--muted); font-weight: 500; text-transform: none; letter-spacing: 0; font-size: .9rem; }
            .description { margin: 0 0 .4rem; color: var(--muted); max-width: 70ch; }
            .facts { display: flex; flex-wrap: wrap; gap: .3rem 1.8rem; margin: .7rem 0 0; }
            .facts div { display: flex; gap: .45rem; }
            .facts dt { color: var(--muted); }
            .facts dd { margin: 0; font-variant-numeric: tabular-nums; }
            .callout { margin: 1rem 0 0; padding: .7rem 1rem; border-radius: 6px; border: 1px solid var(--tone);
              background: var(--tone-bg); }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; width: 100%; font-size: .92rem; }
            th, td { text-align: left; padding: .45rem .7rem; border-bottom: 1px solid var(--border); vertical-align: top; }
            thead th { background: var(--subtle); color: var(--muted); font-weight: 600; font-size: .82rem;
              text-transform: uppercase; letter-spacing: .03em; }
            .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            tr.row-bad td { background: #fffafa; }
            tr.row-warning td { background: #fffdf0; }
            .pill { display: inline-flex; align-items: center; gap: .3rem; padding: .05rem .55rem; border-radius: 999px;
              border: 1px solid currentColor; font-weight: 600; font-size: .82rem; white-space: nowrap; }
            .pill.good { color: var(--good); background: var(--good-bg); }
            .pill.bad { color: var(--bad); background: var(--bad-bg); }
            .pill.warning { color: var(--warn); background: var(--warn-bg); }
            .counts { display: flex; flex-wrap: wrap; gap: .5rem; margin: 0 0 .8rem; }
            .chips { display: inline-flex; flex-wrap: wrap; gap: .3rem; vertical-align: top; }
            .check-id { white-space: nowrap; }
            .chip { border: 1px solid var(--border); border-radius: 6px; padding: 0 .4rem; background: var(--subtle);
              font-size: .82rem; white-space: nowrap; font-variant-numeric: tabular-nums; }
            .chip.warning { border-color: var(--warn); background: var(--warn-bg); color: var(--warn); }
            ul.plain { margin: 0; padding-left: 1.2rem; }
            .chart { margin: 0 0 1.8rem; }
            .chart h3 { margin-top: .6rem; }
            .chart svg { display: block; width: 100%; height: auto; }
            .chart .grid line { stroke: #d8dee4; stroke-width: 1; }
            .chart .axis line { stroke: var(--muted); stroke-width: 1; }
            .chart .axis text { fill: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; }
            .chart .axis .axis-title { fill: var(--fg); font-weight: 600; }
            .chart .series polyline { fill: none; stroke-width: 2; stroke-linejoin: round; }
            .chart .series.stacked polygon { stroke: none; fill-opacity: .85; }
            .chart .limit line, .legend .limit-swatch { stroke: #a40e26; stroke-width: 2; stroke-dasharray: 10 4; }
            .chart .limit text { fill: #a40e26; font-size: 12px; font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
            .chart .marker.phase-change { stroke: #8c959f; stroke-dasharray: 3 3; }
            .chart .marker.signal line { stroke: #8250df; stroke-width: 2; }
            .chart .marker.signal text { fill: #6639ba; font-size: 12px; font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
            .chart { position: relative; }
            .chart .log-toggle { position: absolute; opacity: 0; width: 1px; height: 1px; }
            .chart .log-toggle-label { position: absolute; top: .2rem; right: 0; cursor: pointer; font-size: .85rem;
              border: 1px solid var(--border); border-radius: 999px; padding: .05rem .7rem; background: var(--subtle); }
            .chart .log-toggle-label::before { content: "○ "; }
            .chart .log-toggle:checked + .log-toggle-label { background: #ddf4ff; border-color: #0969da; color: #0969da; }
            .chart .log-toggle:checked + .log-toggle-label::before { content: "● "; }
            .chart .log-toggle:focus-visible + .log-toggle-label { outline: 2px solid #0969da; outline-offset: 2px; }
            .chart svg.scale-log { display: none; }
            .chart .log-toggle:checked ~ svg.scale-linear { display: none; }
            .chart .log-toggle:checked ~ svg.scale-log { display: block; }
            .chart .phase-label { fill: var(--muted); font-size: 11px; }
            .chart .phase-label.fault { fill: #a40e26; font-weight: 600; }
            .legend { list-style: none; display: flex; flex-wrap: wrap; gap: .3rem 1.4rem; margin: .5rem 0 0; padding: 0; font-size: .88rem; }
            .legend li { display: flex; align-items: center; gap: .45rem; }
            .legend .swatch { width: 28px; height: 10px; flex: none; }
            details { margin-top: 2.4rem; border: 1px solid var(--border); border-radius: 8px; padding: .7rem 1rem; }
            summary { cursor: pointer; font-weight: 600; }
            footer { margin-top: 2rem; color: var(--muted); font-size: .82rem; }
            /* Narrow screens: the charts shrink with the page, so their text is drawn larger to stay legible. */
            @media (max-width: 700px) {
              main { padding: 16px 12px 32px; }
              .banner { padding: 14px 14px; }
              .chart .axis text, .chart .limit text, .chart .marker.signal text { font-size: 20px; }
              .chart .series polyline { stroke-width: 3; }
              th, td { padding: .4rem .45rem; }
              table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; }
              table.cards thead { display: none; }
              table.cards tr { border-bottom: 1px solid var(--border); padding: .3rem 0; }
              table.cards td { border: none; padding: .15rem .45rem; text-align: left; white-space: normal; }
              table.cards td.num::before { content: attr(data-label) ": "; color: var(--muted); font-size: .82rem; }
            }
            @media print { details { display: block; } .banner { background: none; } }
            """;

    private HtmlStyle() {
    }
}
