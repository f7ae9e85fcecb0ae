import NetTwinChecks
import NetTwinCore

/// One self-contained HTML page (issue 14): the topology picture, the `check` findings with their fixes, the exposure of
/// every data service, the reachability matrix summary, and a `reach` form that works offline (every answer it offers
/// is computed beforehand and embedded; choosing one lists its hops and draws the path on the picture). No network is
/// needed to open it: no external script, style sheet, font or image.
public struct HTMLReport: Sendable {
    public struct Exposure: Sendable {
        public var service: String
        public var endpoint: String
        public var port: UInt16
        public var text: String
        public init(service: String, endpoint: String, port: UInt16, text: String) {
            self.service = service
            self.endpoint = endpoint
            self.port = port
            self.text = text
        }
    }

    /// One answer of the reach form.
    public struct Answer: Sendable {
        public var source: Int
        public var destination: Int
        public var verdict: String
        public var lines: [String]
        public var nodes: [String]
        public var blocked: String?
        public init(source: Int, destination: Int, verdict: String, lines: [String], nodes: [String], blocked: String?) {
            self.source = source
            self.destination = destination
            self.verdict = verdict
            self.lines = lines
            self.nodes = nodes
            self.blocked = blocked
        }
    }

    public var title: String
    public var inputs: [String]
    public var summary: [String]
    /// The picture as inline SVG (from Graphviz), or nil with `pictureNote` saying why, and the DOT text to show instead.
    public var svg: String?
    public var pictureNote: String?
    public var dot: String
    /// A text alternative of the picture: one line per VNet and subnet.
    public var outline: [String]
    public var report: CheckReport
    public var exposures: [Exposure]
    public var matrixText: String?
    public var sources: [String]
    public var destinations: [String]
    public var answers: [Answer]
    public var notes: [String]

    public init(title: String, inputs: [String], summary: [String], svg: String?, pictureNote: String?, dot: String, outline: [String], report: CheckReport,
                exposures: [Exposure], matrixText: String?, sources: [String], destinations: [String], answers: [Answer], notes: [String]) {
        self.title = title
        self.inputs = inputs
        self.summary = summary
        self.svg = svg
        self.pictureNote = pictureNote
        self.dot = dot
        self.outline = outline
        self.report = report
        self.exposures = exposures
        self.matrixText = matrixText
        self.sources = sources
        self.destinations = destinations
        self.answers = answers
        self.notes = notes
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A JSON string literal safe inside a `<script>` element (no `</script>` can appear).
    static func jsString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static let style = """
        :root { --ink: #202124; --muted: #5f6368; --line: #dadce0; --path: #0b5cad; --blocked: #b3261e; --ok: #137333; }
        * { box-sizing: border-box; }
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink); margin: 0; }
        header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 16px; }
        header { padding-top: 16px; }
        h1 { font-size: 1.5rem; margin: 0.2em 0; } h2 { font-size: 1.2rem; margin-top: 1.6em; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        nav a { margin-right: 1em; }
        .muted { color: var(--muted); }
        .picture { overflow: auto; border: 1px solid var(--line); border-radius: 6px; max-height: 75vh; background: #fff; }
        .picture svg { display: block; height: auto; max-width: none; }
        table { border-collapse: collapse; width: 100%; margin: 0.5em 0; }
        th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: 6px 8px; }
        th { background: #f8f9fa; }
        .sev { font-weight: 600; white-space: nowrap; }
        .sev-error::before { content: "✖ "; } .sev-warning::before { content: "▲ "; } .sev-note::before { content: "● "; }
        .sev-error { color: var(--blocked); } .sev-warning { color: #8a5a00; } .sev-note { color: var(--muted); }
        pre { background: #f8f9fa; border: 1px solid var(--line); border-radius: 6px; padding: 8px; overflow: auto; font-size: 13px; }
        form { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-end; margin: 0.5em 0; }
        label { display: flex; flex-direction: column; font-weight: 600; gap: 4px; }
        select, button { font: inherit; padding: 6px; min-width: 12em; }
        button { background: var(--path); color: #fff; border: 0; border-radius: 4px; cursor: pointer; min-width: 6em; }
        button:focus, select:focus { outline: 3px solid #fbbc04; }
        #answer { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin-top: 8px; }
        #verdict.reachable::before { content: "✔ "; } #verdict.unreachable::before { content: "✖ "; } #verdict.unknown::before { content: "? "; }
        #verdict.reachable { color: var(--ok); } #verdict.unreachable { color: var(--blocked); }
        svg .onpath polygon, svg .onpath ellipse, svg .onpath path { stroke: var(--path) !important; stroke-width: 4px !important; }
        svg .blocked polygon, svg .blocked ellipse, svg .blocked path { stroke: var(--blocked) !important; stroke-width: 5px !important; stroke-dasharray: 8 4; }
        @media print {
          nav, #reach form, button { display: none; }
          .picture { max-height: none; overflow: visible; border: 0; }
          h2 { break-after: avoid; } table, pre { break-inside: auto; } tr { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
        }
        """

    static let script = """
        (function () {
          "use strict";
          var data = JSON.parse(document.getElementById("reach-data").textContent);
          var form = document.getElementById("reach-form");
          var source = document.getElementById("reach-source");
          var destination = document.getElementById("reach-destination");
          var verdict = document.getElementById("verdict");
          var hops = document.getElementById("hops");
          var marked = [];
          function clear() {
            marked.forEach(function (element) { element.classList.remove("onpath"); element.classList.remove("blocked"); });
            marked = [];
          }
          function mark(id, cls) {
            var element = document.getElementById(id);
            if (!element) { return false; }
            element.classList.add(cls);
            marked.push(element);
            return true;
          }
          function show() {
            clear();
            var key = source.value + "|" + destination.value;
            var answer = data.answers[key];
            hops.textContent = "";
            if (!answer) {
              verdict.className = "unknown";
              verdict.textContent = "No answer embedded for this pair (the report lists the first sources and destinations only).";
              return;
            }
            verdict.className = answer.verdict.toLowerCase();
            verdict.textContent = answer.verdict + ": " + data.sources[answer.source] + " \\u2192 " + data.destinations[answer.destination];
            answer.lines.forEach(function (line) {
              var item = document.createElement("li");
              item.textContent = line;
              hops.appendChild(item);
            });
            var drawn = 0;
            answer.nodes.forEach(function (id) { if (mark(id, "onpath")) { drawn += 1; } });
            if (answer.blocked && mark(answer.blocked, "blocked")) { drawn += 1; }
            document.getElementById("drawn").textContent = drawn + " element(s) of the picture marked";
            document.body.setAttribute("data-drawn", String(drawn));
          }
          form.addEventListener("submit", function (event) { event.preventDefault(); show(); });
          document.body.setAttribute("data-ready", "true");
        })();
        """

    public func html() -> String {
        var out: [String] = []
        func w(_ text: String) { out.append(text) }
        w("<!DOCTYPE html>")
        w("<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        w("<meta name=\"generator\" content=\"nettwin report\"><title>\(Self.escape(title))</title><style>\(Self.style)</style></head><body>")
        w("<header><h1>\(Self.escape(title))</h1><p class=\"muted\">Inputs: \(Self.escape(inputs.joined(separator: ", "))). \(Self.escape(summary.joined(separator: " · ")))</p>")
        w("<nav aria-label=\"Sections\"><a href=\"#reach\">Reach</a><a href=\"#topology\">Topology</a><a href=\"#findings\">Findings</a><a href=\"#exposure\">Exposure</a><a href=\"#matrix\">Matrix</a></nav></header><main>")
        for note in notes { w("<p class=\"muted\">\(Self.escape(note))</p>") }

        w("<section id=\"reach\" aria-labelledby=\"reach-h\"><h2 id=\"reach-h\">Reach</h2>")
        if sources.isEmpty || destinations.isEmpty {
            w("<p>No source or no data service to trace in this input.</p>")
        } else {
            w("<p class=\"muted\">Every answer below was computed by <code>nettwin reach</code> when the report was written; choosing one lists its hops and marks the path on the picture (blue, and the blocking element red and dashed).</p>")
            w("<form id=\"reach-form\"><label for=\"reach-source\">Source<select id=\"reach-source\">")
            for (index, name) in sources.enumerated() { w("<option value=\"\(index)\">\(Self.escape(name))</option>") }
            w("</select></label><label for=\"reach-destination\">Destination and port<select id=\"reach-destination\">")
            for (index, name) in destinations.enumerated() { w("<option value=\"\(index)\">\(Self.escape(name))</option>") }
            w("</select></label><button type=\"submit\" id=\"reach-go\">Trace</button></form>")
            w("<div id=\"answer\" aria-live=\"polite\"><p id=\"verdict\" class=\"unknown\">Choose a source and a destination, then Trace.</p><ol id=\"hops\"></ol><p id=\"drawn\" class=\"muted\"></p></div>")
        }
        w("</section>")

        w("<section id=\"topology\" aria-labelledby=\"topology-h\"><h2 id=\"topology-h\">Topology</h2>")
        if let svg {
            // Graphviz's SVG starts with an XML prolog and a DOCTYPE, which inline SVG must not have.
            let start = svg.range(of: "<svg")?.lowerBound ?? svg.startIndex
            var inline = String(svg[start...])
            inline = inline.replacingOccurrences(of: "<svg ", with: "<svg role=\"img\" aria-labelledby=\"topology-h topology-desc\" ", options: [], range: inline.range(of: "<svg "))
            w("<p id=\"topology-desc\" class=\"muted\">Regions are dashed clusters, VNets blue clusters, subnets white clusters; a dashed private link is not Approved (its state is written on it). The outline below gives the same content as text.</p>")
            w("<div class=\"picture\">\(inline)</div>")
        } else {
            w("<p>\(Self.escape(pictureNote ?? "No picture."))</p><details><summary>Graphviz DOT source</summary><pre>\(Self.escape(dot))</pre></details>")
        }
        w("<details><summary>Topology as text</summary><ul>")
        for line in outline { w("<li>\(Self.escape(line))</li>") }
        w("</ul></details></section>")

        w("<section id=\"findings\" aria-labelledby=\"findings-h\"><h2 id=\"findings-h\">Findings (\(report.active.count))</h2>")
        if report.findings.isEmpty {
            w("<p>No finding: \(report.rules.count) rules ran.</p>")
        } else {
            let byID = Dictionary(uniqueKeysWithValues: report.rules.map { ($0.id, $0) })
            w("<table><thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Rule</th><th scope=\"col\">Finding</th><th scope=\"col\">Where</th><th scope=\"col\">Fix</th></tr></thead><tbody>")
            for finding in report.findings {
                let place = finding.location.map { "\($0.file)\($0.line.map { ":\($0)" } ?? "")" } ?? finding.resourceID.text
                let rule = byID[finding.ruleID]
                let link = rule.map { "<a href=\"\(Self.escape($0.helpURI))\">\(Self.escape(finding.ruleID))</a>" } ?? Self.escape(finding.ruleID)
                w("<tr><td class=\"sev sev-\(finding.severity.rawValue)\">\(finding.severity.rawValue)\(finding.suppression != nil ? " (suppressed)" : "")</td><td>\(link)</td><td>\(Self.escape(finding.message))\(finding.evidence.isEmpty ? "" : "<br><span class=\"muted\">" + Self.escape(finding.evidence.joined(separator: "; ")) + "</span>")</td><td>\(Self.escape(place))</td><td>\(Self.escape(rule?.fix ?? ""))</td></tr>")
            }
            w("</tbody></table>")
        }
        w("</section>")

        w("<section id=\"exposure\" aria-labelledby=\"exposure-h\"><h2 id=\"exposure-h\">Exposure of the data services</h2>")
        if exposures.isEmpty { w("<p>No data service in this input.</p>") }
        for exposure in exposures {
            w("<h3>\(Self.escape(exposure.service)) — \(Self.escape(exposure.endpoint)), TCP \(exposure.port)</h3><pre>\(Self.escape(exposure.text))</pre>")
        }
        w("</section>")

        w("<section id=\"matrix\" aria-labelledby=\"matrix-h\"><h2 id=\"matrix-h\">Reachability matrix</h2>")
        w(matrixText.map { "<pre>\(Self.escape($0))</pre>" } ?? "<p>Not computed for an input this size; run <code>nettwin matrix</code>.</p>")
        w("</section></main><footer><p class=\"muted\">Generated by nettwin report. Offline: this page loads nothing from the network.</p></footer>")

        // The reach answers, as data (not HTML), then the script that shows them.
        var json = "{\"sources\": [" + sources.map(Self.jsString).joined(separator: ", ") + "], \"destinations\": [" + destinations.map(Self.jsString).joined(separator: ", ") + "], \"answers\": {"
        json += answers.map { answer in
            "\"\(answer.source)|\(answer.destination)\": {\"source\": \(answer.source), \"destination\": \(answer.destination), \"verdict\": \(Self.jsString(answer.verdict)), \"lines\": ["
                + answer.lines.map(Self.jsString).joined(separator: ", ") + "], \"nodes\": [" + answer.nodes.map(Self.jsString).joined(separator: ", ") + "], \"blocked\": "
                + (answer.blocked.map(Self.jsString) ?? "null") + "}"
        }.joined(separator: ", ")
        json += "}}"
        w("<script type=\"application/json\" id=\"reach-data\">\(json)</script>")
        if !sources.isEmpty && !destinations.isEmpty { w("<script>\(Self.script)</script>") }
        w("</body></html>")
        return out.joined(separator: "\n") + "\n"
    }
}
